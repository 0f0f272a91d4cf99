// The loopback web host: the same renderer and the same handlers as the Electron app, served to a browser on
// 127.0.0.1 only. Used by the browser tests and as a fallback where Electron cannot run.
//   npm run web -- [--db path] [--port 5178] [--no-open]
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppDb } from '../db/open';
import { DataHost } from '../db/startup';
import type { CallContext } from '../db/context';
import { envelopeBody } from '../shared/api/raw-json';
import type { WRAP_SCRYPT } from '../db/keystore';

export interface WebHostOptions {
  dbFile: string;
  staticDir: string;
  port?: number;
  migrationsFolder?: string;
  /** Fixed token (tests); otherwise a new random one per launch. */
  token?: string;
  /** If the database is damaged, replace it with the newest good backup (the damaged file is kept aside). */
  restoreLatestIfDamaged?: boolean;
  /**
   * "Already signed in as this user": calls without a session run as it (browser tests, screenshots). Left out,
   * every call but the public auth ones needs the session token from auth.login in the X-Session-Token header.
   */
  context?: CallContext;
  quiet?: boolean;
  /** scrypt cost of the key store's wraps (tests lower it). */
  wrapParams?: typeof WRAP_SCRYPT;
}

export interface WebHost {
  url: string;
  /** The address to open, carrying the token in the fragment (never sent to a server or written to logs). */
  launchUrl: string;
  token: string;
  port: number;
  /** The open database (throws while the data is locked: see dataHost). */
  readonly db: AppDb;
  /** Open or locked: an encrypted database starts locked here (no OS key store), until unlocked on the page. */
  dataHost: DataHost;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MAX_BODY = 256 * 1024 * 1024;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  // No safeStorage here: an encrypted database starts locked and the page shows "Mở khoá dữ liệu".
  const dataHost = await DataHost.start({
    file: opts.dbFile,
    migrationsFolder: opts.migrationsFolder,
    wrapParams: opts.wrapParams,
    dispatcher: { presetContext: opts.context, logError: (name, e) => console.error(`[api] ${name}:`, e) },
    askRestore: (info) => {
      // No dialog in a terminal: restore only when asked on the command line (--restore-latest).
      if (!opts.restoreLatestIfDamaged) {
        console.error(`${info.message}\n${info.latestBackup ? `Bản sao lưu nguyên vẹn gần nhất: ${info.latestBackup}\nĐể khôi phục, chạy lại với: npm run web -- --restore-latest` : 'Không có bản sao lưu nguyên vẹn nào.'}`);
      }
      return !!opts.restoreLatestIfDamaged;
    },
  });
  const dispatch = dataHost.dispatch;
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  let origin = '';

  const send = (res: http.ServerResponse, status: number, body: string | Uint8Array, type = 'application/json; charset=utf-8') => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };
  const refuse = (res: http.ServerResponse, status: number, kind: string, message: string) =>
    send(res, status, JSON.stringify({ ok: false, error: { kind, message, fieldErrors: {} } }));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Refuse requests whose Host is not ours (DNS rebinding) and whose Origin is another site (CSRF).
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(res, 421, 'forbidden', 'Địa chỉ không hợp lệ.');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'validation', 'Chỉ chấp nhận POST.');
      const reqOrigin = req.headers.origin;
      if (reqOrigin && reqOrigin !== origin && reqOrigin !== `http://localhost:${port}`) return refuse(res, 403, 'forbidden', 'Nguồn gọi không được phép.');
      const given = String(req.headers['x-api-token'] ?? '');
      if (!safeEqual(given, token)) return refuse(res, 401, 'unauthenticated', 'Phiên làm việc không hợp lệ. Hãy mở lại ứng dụng từ địa chỉ mà lệnh "npm run web" in ra.');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'validation', 'Dữ liệu gửi lên phải là JSON.');
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          refuse(res, 413, 'validation', 'Dữ liệu gửi lên quá lớn.');
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', async () => {
        if (res.writableEnded) return;
        let input: unknown;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          input = text ? JSON.parse(text) : {};
        } catch {
          return refuse(res, 400, 'validation', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
        }
        const name = decodeURIComponent(url.pathname.slice('/api/'.length));
        // The launch token above guards the transport; the session (who is signed in, in this tab) travels separately.
        const session = req.headers['x-session-token'];
        const envelope = await dispatch(name, input, typeof session === 'string' ? session : null);
        send(res, 200, envelopeBody(envelope));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'validation', 'Phương thức không được hỗ trợ.');
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(opts.staticDir, '.' + rel);
    if (!file.startsWith(path.resolve(opts.staticDir) + path.sep)) return send(res, 404, 'Not found', 'text/plain');
    fs.readFile(file, (err, data) => {
      if (err) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream');
    });
  });

  let port = opts.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  if (!opts.quiet) {
    console.log(`Máy chủ web cục bộ đang chạy tại ${origin} (cơ sở dữ liệu: ${opts.dbFile})`);
    if (!dataHost.database) console.log('Dữ liệu đã được mã hoá: hãy mở khoá bằng mật khẩu dữ liệu trên trang.');
  }
  return {
    url: origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    port,
    get db() {
      const db = dataHost.database;
      if (!db) throw new Error('The data is locked: unlock it first.');
      return db;
    },
    dataHost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          dataHost.close();
          resolve();
        });
      }),
  };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const root = path.resolve(__dirname, '..');
  const dbFile = argValue(args, '--db') ?? process.env.QLCB_DB ?? path.join(root, 'data', 'quan-ly-can-bo.sqlite');
  const staticDir = argValue(args, '--static') ?? path.join(root, 'out', 'web');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`Chưa có giao diện đã build trong ${staticDir}. Hãy chạy "npm run web" (lệnh này build trước khi chạy).`);
    process.exit(1);
  }
  startWebHost({ dbFile, staticDir, port: Number(argValue(args, '--port') ?? 5178), restoreLatestIfDamaged: args.includes('--restore-latest') })
    .then((host) => {
      console.log(`Mở trình duyệt tại địa chỉ sau (chỉ máy này truy cập được):\n  ${host.launchUrl}`);
      const stop = () => host.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
