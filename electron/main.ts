import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataHost } from '../db/startup';
import { sessionsFor } from '../db/services/security/sessions';
import { safeStorageProtector } from './key-protector';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, denyAllPermissions, isAllowedNavigation, isAppUrl, resolveAppFile, secureWebPreferences } from './security';
import { buildMenu } from './menu';

// The main process owns the database. It wires windows, menus, dialogs and the one IPC channel; everything
// else lives in db/ and is shared with the web host.

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let dataHost: DataHost | null = null;
const rendererDir = path.join(__dirname, '../renderer');

function migrationsFolder(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'migrations') : path.join(app.getAppPath(), 'db', 'migrations');
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Quản lý cán bộ',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside (e.g. a law on a government site) open in the system browser, never in the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start() {
  await app.whenReady();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyAllPermissions);
  ses.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url, path.join, path.normalize);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });

  const dbFile = process.env.QLCB_DB ?? path.join(app.getPath('userData'), 'quan-ly-can-bo.sqlite');
  try {
    // An encrypted database opens by itself on the PC that set it up (safeStorage); otherwise the page shows
    // "Mở khoá dữ liệu" and the data opens when the secret or the recovery key is given.
    dataHost = await DataHost.start({
      file: dbFile,
      migrationsFolder: migrationsFolder(),
      // In development the start script builds better-sqlite3 for Electron into its own folder, so the copy in
      // node_modules stays built for Node and `npm test` keeps working. The packaged app has its own build.
      nativeBinding: app.isPackaged ? undefined : process.env.QLCB_NATIVE_BINDING,
      device: safeStorageProtector(),
      dispatcher: { logError: (name, e) => console.error(`[api] ${name}:`, e) },
      askRestore: (info) =>
        dialog.showMessageBoxSync({
          type: 'error',
          title: 'Cơ sở dữ liệu bị hỏng',
          message: 'Cơ sở dữ liệu bị hỏng. Ứng dụng chưa ghi gì vào tệp này.',
          detail: `${info.message}\n\nBản sao lưu nguyên vẹn gần nhất: ${info.latestBackup} (${new Date(info.latestBackupDate!).toLocaleString('vi-VN')}).\nTệp hỏng sẽ được giữ lại trong thư mục backups.`,
          buttons: ['Khôi phục bản sao lưu gần nhất', 'Thoát'],
          defaultId: 0,
          cancelId: 1,
        }) === 0,
    });
  } catch (e) {
    dialog.showErrorBox('Không mở được cơ sở dữ liệu', `${(e as Error).message}\n\nTệp: ${dbFile}`);
    app.exit(1);
    return;
  }
  const host = dataHost;
  const dispatch = host.dispatch;
  const revoke = (token: string | undefined) => {
    if (host.database) sessionsFor(host.database).revoke(token);
  };
  // The main process keeps each window's session: the page signs in but never holds the token, so a script
  // injected into it could not carry the session elsewhere. Closing the window ends its session.
  const windowSessions = new Map<number, string>();
  const watchedWindows = new Set<number>();

  ipcMain.handle('api:call', async (event, name: unknown, input: unknown) => {
    // Answer only the app's own page in its top frame; anything else gets nothing.
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return { ok: false, error: { kind: 'forbidden', message: 'Yêu cầu không hợp lệ.', fieldErrors: {} } };
    }
    const id = event.sender.id;
    if (!watchedWindows.has(id)) {
      watchedWindows.add(id);
      event.sender.once('destroyed', () => {
        revoke(windowSessions.get(id));
        windowSessions.delete(id);
        watchedWindows.delete(id);
      });
    }
    const callName = String(name);
    const envelope = await dispatch(callName, input, windowSessions.get(id) ?? null);
    if (envelope.ok && (callName === 'auth.login' || callName === 'auth.setupAdmin')) {
      const signedIn = envelope.value as { token: string };
      revoke(windowSessions.get(id));
      windowSessions.set(id, signedIn.token);
      return { ok: true, value: { ...signedIn, token: '' } };
    }
    if (callName === 'auth.logout') windowSessions.delete(id);
    return envelope;
  });

  ipcMain.handle('desktop:save-pdf', async (event, given: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return { saved: false };
    // Whatever the page sends, only a short plain name reaches the dialog.
    const suggestedName = (typeof given === 'string' && given.trim() ? given : 'bao-cao.pdf').slice(0, 200);
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!win) return { saved: false };
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    const safeName = suggestedName.replace(/[\\/:*?"<>|]/g, '-');
    const choice = await dialog.showSaveDialog(win, { title: 'Lưu PDF', defaultPath: safeName.endsWith('.pdf') ? safeName : `${safeName}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (choice.canceled || !choice.filePath) return { saved: false };
    await fs.writeFile(choice.filePath, pdf);
    return { saved: true, path: choice.filePath };
  });

  Menu.setApplicationMenu(buildMenu());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  dataHost?.close();
});
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

// One instance per user: a second start (the shortcut double-clicked twice) would open the same database again, and
// a restore or turning encryption on swaps the file (db/open.ts replaceConnection refuses while another connection
// holds it). The second start brings the first window forward instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  void start();
}
