import type { AppDb } from '../open';

export interface SampleOptions {
  cadres: number;
  seed?: number;
  actor?: string;
}

/** Placeholder until the realistic generator lands (see the sample-data work). */
export function generateSampleData(_db: AppDb, _opts: SampleOptions): { units: number; cadres: number; qualifications: number } {
  throw new Error('Sample data generator not written yet');
}
