import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { AppError, Envelope } from '../../shared/api/envelope';
import { isRawJson, parseRawJson } from '../../shared/api/raw-json';

// The renderer's only door to the data: window.api in Electron (exposed by the preload), HTTP on the
// loopback web host otherwise. Both carry the same envelope.

declare global {
  interface Window {
    api?: { call(name: string, input: unknown): Promise<Envelope<unknown>> };
  }
}

export class ApiError extends Error {
  constructor(public readonly error: AppError) {
    super(error.message);
    this.name = 'ApiError';
  }
  get kind() {
    return this.error.kind;
  }
  get fieldErrors() {
    return this.error.fieldErrors ?? {};
  }
}

const TOKEN_KEY = 'qlcb.token';

/** The web host passes its per-launch token in the URL fragment; keep it for this tab and clean the address bar. */
function webToken(): string {
  const m = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    // Keep the rest of the fragment (a route such as "/danh-muc"), drop only the token.
    const rest = window.location.hash.replace(/^#/, '').split('&').filter((p) => p && !p.startsWith('token=')).join('&');
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | null = null;

// Who is signed in. In Electron the main process keeps the session for its window and the page never sees it;
// on the web host each tab keeps its own session token (sessionStorage) and sends it in its own header.
const SESSION_KEY = 'qlcb.session';
const SIGN_IN_CALLS = new Set(['auth.login', 'auth.setupAdmin']);

/** Fired when a call finds the session ended (expired, account disabled): the app shows the sign-in screen. */
export const SIGNED_OUT_EVENT = 'qlcb:signed-out';

function rememberSession(name: string, env: Envelope<unknown>) {
  if (window.api) return;
  if (env.ok && SIGN_IN_CALLS.has(name)) sessionStorage.setItem(SESSION_KEY, (env.value as { token: string }).token);
  if (name === 'auth.logout' || (!env.ok && env.error.kind === 'unauthenticated')) sessionStorage.removeItem(SESSION_KEY);
}

async function transport(name: string, input: unknown): Promise<Envelope<unknown>> {
  return (await receive(name, input))();
}

const UNREACHABLE: Envelope<unknown> = {
  ok: false,
  error: { kind: 'internal', message: 'Không kết nối được với máy chủ cục bộ của ứng dụng. Hãy kiểm tra cửa sổ lệnh "npm run web" còn chạy.', fieldErrors: {} },
};

/**
 * Sends a call and receives its answer; the answer is read (parsed) only when the returned function is called, so
 * a large answer received early does not hold up the page while it is not needed yet.
 */
async function receive(name: string, input: unknown): Promise<() => Envelope<unknown>> {
  if (window.api) {
    // Electron's IPC brings the value already as an object (a large one as raw JSON bytes, parsed by call()).
    const env = await window.api.call(name, input);
    return () => env;
  }
  token ??= webToken();
  try {
    const res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Token': token, 'X-Session-Token': sessionStorage.getItem(SESSION_KEY) ?? '' },
      body: JSON.stringify(input ?? {}),
    });
    // Read as text: the browser decodes the UTF-8 piece by piece as it arrives (22 MB decoded at once took as long
    // as parsing it); only the parse is left for when the answer is taken.
    const text = await res.text();
    return () => JSON.parse(text) as Envelope<unknown>;
  } catch {
    return () => UNREACHABLE;
  }
}

// Calls sent at start, before the screen that needs them exists (the cadre grid's 22 MB at 50,000 cadres would
// otherwise wait for the bundle, the session check and the grid's own set-up). The host checks the session on them
// as on any call; the screen's own call() with the same name and input takes the answer, once. The answer is
// received as bytes and parsed when taken: parsing 22 MB as it arrives would hold up the session check behind it.
const EARLY_TTL_MS = 30_000;
const early = new Map<string, Promise<() => Envelope<unknown>>>();
const earlyKey = (name: string, input: unknown) => `${name}\u0000${JSON.stringify(input ?? {})}`;

/** Sends a call now whose answer the screen about to open will ask for (see early above). */
export function sendEarly<K extends CallName>(name: K, input: CallInput<K>): void {
  const key = earlyKey(name, input);
  if (early.has(key)) return;
  const promise = receive(name, input);
  early.set(key, promise);
  // Not taken in time (another screen opened, or the sign-in screen is shown): drop it, a later call asks afresh.
  setTimeout(() => {
    if (early.get(key) === promise) early.delete(key);
  }, EARLY_TTL_MS);
}

/** The answer of a call sent early, if there is one; a refused early call (not signed in yet, data locked) is dropped. */
async function takeEarly(name: string, input: unknown): Promise<Envelope<unknown> | null> {
  const key = earlyKey(name, input);
  const promise = early.get(key);
  if (!promise) return null;
  early.delete(key);
  try {
    const env = (await promise)();
    return env.ok ? env : null;
  } catch {
    // Not an answer of the host (e.g. not JSON): ask again the ordinary way, which reports what goes wrong.
    return null;
  }
}

export async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const env = (early.size > 0 ? await takeEarly(name, input) : null) ?? (await transport(name, input));
  rememberSession(name, env);
  if (!env.ok && env.error.kind === 'unauthenticated' && !name.startsWith('auth.')) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  if (!env.ok) throw new ApiError(env.error);
  // Electron's IPC brings a value the host keeps as JSON bytes as those bytes (the web host splices them in).
  return (isRawJson(env.value) ? parseRawJson(env.value) : env.value) as CallOutput<K>;
}

/** A message to show for any error thrown by call(). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Đã xảy ra lỗi không mong muốn.';
}
