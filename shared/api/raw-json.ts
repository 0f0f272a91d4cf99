import type { Envelope } from './envelope';

/**
 * A call's value already serialized as JSON (UTF-8 bytes), e.g. by SQLite, and kept as such between calls: the
 * hosts send these bytes as they are instead of building tens of thousands of objects and serializing them again on
 * every call (the cadre grid's 50,000 rows). `T` is the shape the JSON has (the call's output in the contract).
 * The web host splices the bytes into its answer; over Electron's IPC the object travels as a plain object
 * (structured clone keeps the marker and the bytes) and the renderer's api.ts parses it.
 */
export class RawJson<T = unknown> {
  readonly rawJson = true as const;
  declare readonly shape?: T;
  constructor(readonly bytes: Uint8Array) {}
}

export function isRawJson(v: unknown): v is RawJson {
  return typeof v === 'object' && v !== null && (v as { rawJson?: unknown }).rawJson === true && (v as { bytes?: unknown }).bytes instanceof Uint8Array;
}

export function parseRawJson<T>(v: RawJson<T>): T {
  return JSON.parse(new TextDecoder().decode(v.bytes)) as T;
}

const HEAD = new TextEncoder().encode('{"ok":true,"value":');
const TAIL = new TextEncoder().encode('}');

/** An envelope as the body of an HTTP answer: its JSON text, with a RawJson value spliced in as it is. */
export function envelopeBody(env: Envelope<unknown>): string | Uint8Array {
  if (!env.ok || !isRawJson(env.value)) return JSON.stringify(env);
  const bytes = env.value.bytes;
  const out = new Uint8Array(HEAD.length + bytes.length + TAIL.length);
  out.set(HEAD);
  out.set(bytes, HEAD.length);
  out.set(TAIL, HEAD.length + bytes.length);
  return out;
}
