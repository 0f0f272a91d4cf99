import { printDocument, saveAsPdf } from '../../desktop';
import { base64Bytes, downloadBytes } from '../../grid/exportGrid';
import { quarterWords } from '../../../../shared/api/reports-format';
import type { Report } from '../../../../shared/api/reports';

// Printing the report. The document is rendered into its own root (ReportPrintRoot) and reports.css hides the
// rest of the app under @media print, so both paths print only the A4 document.

/** "In": the system print dialog (browser and Electron alike). */
export function printReport(): void {
  printDocument();
}

/**
 * "Lưu PDF": in Electron, printToPDF and a save dialog (wired by the desktop shell); in the web host, the browser's
 * print dialog, where "Save as PDF" is a destination.
 */
export function saveReportAsPdf(report: Report): Promise<{ saved: boolean; path?: string }> {
  const status = report.status === 'issued' ? `so-${report.header.docNumber || 'x'}` : 'du-thao';
  return saveAsPdf(`Bao cao ${quarterWords(report.year, report.quarter)} ${status}.pdf`.replace(/\s+/g, '-'));
}

/** Offers the workbook from reports.exportXlsx as a download. */
export function downloadBase64(fileName: string, base64: string, mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  downloadBytes(base64Bytes(base64), fileName, mime);
}
