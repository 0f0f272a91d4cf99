// The window's security settings and checks, kept free of Electron imports so tests can assert them directly.
// Follows Electron's security checklist: isolation, sandbox, no Node in the page, a CSP, no navigation,
// no new windows, no permissions, and the UI from a custom protocol rather than file://.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ui`;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Only the app's own pages may be shown in the window. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'ui';
  } catch {
    return false;
  }
}

/** Navigation inside the window is allowed only to the app's own pages (same document, another hash). */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Resolves a request for app://ui/<path> to a file inside the renderer folder, or null if it tries to leave it. */
export function resolveAppFile(rendererDir: string, requestUrl: string, join: (...p: string[]) => string, normalize: (p: string) => string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const pathname = decodeURIComponent(new URL(requestUrl).pathname);
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(rendererDir, rel));
  const root = normalize(rendererDir);
  return file.startsWith(root) && !rel.split(/[\\/]/).includes('..') ? file : null;
}

/** Every permission request (camera, notifications, geolocation...) is refused. */
export const denyAllPermissions = (_wc: unknown, _permission: string, callback: (granted: boolean) => void) => callback(false);
