// `npm start`: builds the app, makes sure better-sqlite3 exists in a build for Electron (kept apart from the
// Node build that `npm test` uses), then opens the Electron window. Where Electron cannot be had (no internet
// on first run), it says so in one line and points to `npm run web`.
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...opts });
const fail = (line) => {
  console.error(line);
  process.exit(1);
};

// 1. The Electron binary: the electron package downloads it on first use. Try that quietly, so a machine
// without internet gets one clear line instead of a stack trace.
const electronDir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(electronDir, 'path.txt');
const haveElectron = () => fs.existsSync(pathFile) && fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')));
if (!haveElectron()) {
  console.log('Đang tải Electron (chỉ lần chạy đầu)…');
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'pipe' });
  if (!haveElectron()) fail('Không tải được Electron (lần chạy đầu cần Internet). Hãy mở ứng dụng trong trình duyệt bằng lệnh: npm run web');
}
const electronPath = require('electron');

// 2. better-sqlite3 built for this Electron, in .electron-native/<electron>-<package>-<version>/ (node_modules keeps
// the Node build). "better-sqlite3" is an npm alias of better-sqlite3-multiple-ciphers (the encrypting build): the
// folder names the real package and its version, so a build of plain better-sqlite3 left by an earlier version
// (which would ignore the key) is never reused.
const electronVersion = require('electron/package.json').version;
const sqlitePkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'));
const nativeDir = path.join(root, '.electron-native', `${electronVersion}-${sqlitePkg.name}-${sqlitePkg.version}`);
const binding = path.join(nativeDir, 'better_sqlite3.node');
if (!fs.existsSync(binding)) {
  console.log(`Đang chuẩn bị ${sqlitePkg.name} ${sqlitePkg.version} cho Electron ${electronVersion} (chỉ lần đầu; biên dịch từ mã nguồn mất vài phút nếu không tải được bản dựng sẵn)…`);
  const work = path.join(root, '.electron-native', 'work');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
  const arch = process.arch;
  let r = run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', arch], { cwd: work });
  if (r.status !== 0) {
    r = run(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'], { cwd: work });
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !fs.existsSync(built)) fail('Không chuẩn bị được better-sqlite3 cho Electron. Hãy mở ứng dụng trong trình duyệt bằng lệnh: npm run web');
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(built, binding);
  fs.rmSync(work, { recursive: true, force: true });
}

// 3. Build main, preload and renderer.
const build = run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build']);
if (build.status !== 0) fail('Không build được ứng dụng (xem lỗi ở trên).');

// 4. Open the window.
const child = spawn(electronPath, ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, QLCB_NATIVE_BINDING: binding } });
child.on('error', () => fail('Không mở được Electron trên máy này. Hãy mở ứng dụng trong trình duyệt bằng lệnh: npm run web'));
child.on('exit', (code) => process.exit(code ?? 0));
