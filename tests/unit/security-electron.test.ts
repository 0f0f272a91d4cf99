import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences } from '../../electron/security';

// electron/main.ts with the `electron` module faked: what it registers on the window, the session, the protocol
// and the IPC channel, driven as Electron would drive it. (tests/unit/electron-config.test.ts covers the pure
// helpers in electron/security.ts; this file covers their wiring and the rest of the checklist.)

type Handler = (...args: any[]) => any;

const fake = vi.hoisted(() => {
  const state = {
    ipc: new Map<string, Handler>(),
    appEvents: new Map<string, Handler>(),
    windows: [] as any[],
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    protocolHandler: null as Handler | null,
    privileged: [] as unknown[],
    openExternal: [] as string[],
    errors: [] as string[],
    savePaths: [] as string[],
    nextId: 1,
    tmp: '',
  };
  class FakeWebContents {
    id = state.nextId++;
    events = new Map<string, Handler[]>();
    openHandler: Handler | null = null;
    loaded = '';
    on(event: string, fn: Handler) {
      this.events.set(event, [...(this.events.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: Handler) {
      return this.on(event, fn);
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.events.get(event) ?? []) fn(...args);
    }
    setWindowOpenHandler(fn: Handler) {
      this.openHandler = fn;
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
    async printToPDF() {
      return Buffer.from('%PDF-1.7');
    }
  }
  class FakeBrowserWindow {
    webContents = new FakeWebContents();
    constructor(public options: any) {
      state.windows.push(this);
    }
    once() {}
    on() {}
    show() {}
    focused = 0;
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused++;
    }
    async loadURL(url: string) {
      await this.webContents.loadURL(url);
    }
    static getAllWindows() {
      return state.windows;
    }
    static fromWebContents(wc: unknown) {
      return state.windows.find((w) => w.webContents === wc) ?? null;
    }
  }
  return { state, FakeWebContents, FakeBrowserWindow };
});

vi.mock('electron', () => {
  const { state, FakeWebContents, FakeBrowserWindow } = fake;
  return {
    app: {
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      on: (event: string, fn: Handler) => state.appEvents.set(event, fn),
      getAppPath: () => path.resolve(__dirname, '../..'),
      getPath: () => state.tmp,
      exit: () => {},
      quit: () => {},
      // This process is the only copy running (a second copy would quit before opening the database).
      requestSingleInstanceLock: () => true,
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: (t: string, m: string) => state.errors.push(`${t}: ${m}`), showMessageBoxSync: () => 1, showSaveDialog: async (_w: unknown, o: { defaultPath: string }) => (state.savePaths.push(o.defaultPath), { canceled: true }) },
    ipcMain: { handle: (channel: string, fn: Handler) => state.ipc.set(channel, fn) },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    net: { fetch: async () => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.privileged.push(...s),
      handle: (_scheme: string, fn: Handler) => (state.protocolHandler = fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Handler) => (state.permissionCheck = fn),
      },
    },
    shell: { openExternal: async (url: string) => void state.openExternal.push(url) },
    // No OS key store in this fake: an encrypted database would start locked (db/startup.ts); this one is plaintext.
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'unknown' },
    FakeWebContents,
  };
});

const { state } = fake;

/** An IPC event as Electron builds it: the sending WebContents and the frame the call came from. */
function ipcEvent(sender: any, frame: { url: string; parent: unknown } | null) {
  return { sender, senderFrame: frame };
}
const appFrame = { url: 'app://ui/index.html#/can-bo', parent: null };

describe('electron/main.ts wiring (electron faked)', () => {
  beforeAll(async () => {
    state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-electron-'));
    process.env.QLCB_DB = path.join(state.tmp, 'app.sqlite');
    await import('../../electron/main');
    await vi.waitFor(() => expect(state.ipc.has('api:call')).toBe(true), { timeout: 60_000, interval: 50 });
  }, 90_000);
  afterAll(() => {
    state.appEvents.get('will-quit')?.();
    delete process.env.QLCB_DB;
    fs.rmSync(state.tmp, { recursive: true, force: true });
  });

  it('opened the database and one window with the secure preferences, on the app:// origin', () => {
    expect(state.errors).toEqual([]);
    expect(state.windows).toHaveLength(1);
    const prefs = state.windows[0].options.webPreferences;
    expect(prefs).toEqual(secureWebPreferences(prefs.preload));
    expect(prefs).toMatchObject({ nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, allowRunningInsecureContent: false, experimentalFeatures: false });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.windows[0].webContents.loaded).toBe('app://ui/index.html');
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('refuses navigation away from the app, new windows and webviews', () => {
    const wc = state.windows[0].webContents;
    const navigate = (url: string) => {
      let prevented = false;
      wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://ui/index.html#/cai-dat')).toBe(false);
    expect(wc.openHandler!({ url: 'https://thuvienphapluat.vn/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'file:///C:/Windows/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    // Only https links go to the system browser.
    expect(state.openExternal).toEqual(['https://thuvienphapluat.vn/']);
    let webview = false;
    wc.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);

    // Any other web contents created later (devtools, a stray frame) gets the same rules.
    const other = new (fake.FakeWebContents as any)();
    state.appEvents.get('web-contents-created')!({}, other);
    let prevented = false;
    other.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(other.openHandler({ url: 'app://ui/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      state.permissionRequest!({}, permission, (g: boolean) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(state.permissionCheck!({}, permission)).toBe(false);
    }
  });

  it('a second start of the app brings the first window forward instead of opening the database twice', () => {
    const second = state.appEvents.get('second-instance');
    expect(second).toBeTypeOf('function');
    second!();
    expect(state.windows[0].focused).toBe(1);
    expect(state.windows).toHaveLength(1);
  });

  it('serves the UI with the CSP and refuses paths outside the renderer folder', async () => {
    const ok: Response = await state.protocolHandler!(new Request('app://ui/index.html'));
    expect(ok.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/base-uri 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/connect-src[^;]*(https?:|\*)/);
    const outside: Response = await state.protocolHandler!(new Request('app://ui/..%2f..%2fmain/index.js'));
    expect(outside.status).toBe(404);
  });

  it('answers IPC only from the app page in the top frame', async () => {
    const call = state.ipc.get('api:call')!;
    const wc = state.windows[0].webContents;
    const refused = { ok: false, error: { kind: 'forbidden' } };
    expect(await call(ipcEvent(wc, { url: 'https://evil.example/', parent: null }), 'auth.status', {})).toMatchObject(refused);
    expect(await call(ipcEvent(wc, { url: 'app://ui/index.html', parent: {} }), 'auth.status', {})).toMatchObject(refused);
    expect(await call(ipcEvent(wc, { url: 'file:///index.html', parent: null }), 'auth.status', {})).toMatchObject(refused);
    expect(await call(ipcEvent(wc, null), 'auth.status', {})).toMatchObject(refused);
    expect(isAppUrl(appFrame.url)).toBe(true);
    expect(await call(ipcEvent(wc, appFrame), 'auth.status', {})).toEqual({ ok: true, value: { needsSetup: true, user: null } });
    // The PDF helper answers the app page only, and survives a non-string name.
    const pdf = state.ipc.get('desktop:save-pdf')!;
    expect(await pdf(ipcEvent(wc, { url: 'https://evil.example/', parent: null }), 'x.pdf')).toEqual({ saved: false });
    expect(await pdf(ipcEvent(wc, appFrame), { toString: 1 })).toEqual({ saved: false });
    expect(await pdf(ipcEvent(wc, appFrame), 'Báo cáo quý 3/2025: "tỉnh"')).toEqual({ saved: false });
    expect(state.savePaths).toEqual(['bao-cao.pdf', 'Báo cáo quý 3-2025- -tỉnh-.pdf']);
  });

  it('keeps the session per window in the main process: the page never sees the token', async () => {
    const call = state.ipc.get('api:call')!;
    const wc = state.windows[0].webContents;
    expect(await call(ipcEvent(wc, appFrame), 'cadres.list', {})).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    const setup = await call(ipcEvent(wc, appFrame), 'auth.setupAdmin', { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' });
    expect(setup).toMatchObject({ ok: true, value: { token: '', user: { username: 'quantri', role: 'admin' } } });
    expect((await call(ipcEvent(wc, appFrame), 'cadres.list', {})).ok).toBe(true);
    // Another window is not signed in by this one's session.
    const other = new (fake.FakeWebContents as any)();
    expect(await call(ipcEvent(other, appFrame), 'cadres.list', {})).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    // Closing the window ends its session; so does logging out.
    await call(ipcEvent(wc, appFrame), 'auth.logout', {});
    expect(await call(ipcEvent(wc, appFrame), 'cadres.list', {})).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    const login = await call(ipcEvent(other, appFrame), 'auth.login', { username: 'quantri', password: 'mat-khau-1' });
    expect(login.value.token).toBe('');
    expect((await call(ipcEvent(other, appFrame), 'cadres.list', {})).ok).toBe(true);
    other.emit('destroyed');
    expect(await call(ipcEvent(other, appFrame), 'cadres.list', {})).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });
});
