// Fills a database with realistic sample data (Sóc Trăng organisation before and after 1 July 2025, cadres with
// dated careers and qualifications), for demonstrations and performance work.
//   npm run seed -- --cadres 2000 [--file data/quan-ly-can-bo.sqlite] [--seed 1] [--force]
// A database that already holds cadres is refused; --force first moves that file aside to data/backups (next to
// the file) and starts a new one, so nothing is ever deleted.
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase, DatabaseOpenError } from '../db/open';
import { generateFullSample } from '../db/sample/full';

const DEFAULT_FILE = path.resolve(__dirname, '..', 'data', 'quan-ly-can-bo.sqlite');
const USAGE = `Cách dùng: npm run seed -- --cadres <số cán bộ> [--file <tệp .sqlite>] [--seed <số>] [--force]
  --cadres  số hồ sơ cán bộ mẫu (mặc định 2000)
  --file    tệp cơ sở dữ liệu (mặc định ${path.relative(process.cwd(), DEFAULT_FILE) || DEFAULT_FILE})
  --seed    hạt giống ngẫu nhiên; cùng hạt giống cho cùng dữ liệu (mặc định 1)
  --force   nếu tệp đã có hồ sơ: chuyển tệp đó sang thư mục backups rồi tạo tệp mới`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

interface Args {
  cadres: number;
  file: string;
  seed: number;
  force: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { cadres: 2000, file: DEFAULT_FILE, seed: 1, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`Thiếu giá trị cho ${a}.\n${USAGE}`);
      return v;
    };
    const integer = (v: string, min: number) => {
      if (!/^-?\d+$/.test(v) || Number(v) < min) fail(`Giá trị "${v}" của ${a} không hợp lệ: cần số nguyên từ ${min} trở lên.`);
      return Number(v);
    };
    switch (a) {
      case '--cadres': args.cadres = integer(value(), 1); break;
      case '--file': args.file = path.resolve(value()); break;
      case '--seed': args.seed = integer(value(), Number.MIN_SAFE_INTEGER); break;
      case '--force': args.force = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0);
      default: fail(`Không hiểu tham số "${a}".\n${USAGE}`);
    }
  }
  if (args.cadres > 200_000) fail('Tối đa 200.000 cán bộ mẫu.');
  return args;
}

const cadreCount = (db: Awaited<ReturnType<typeof openDatabase>>) =>
  (db.sqlite.prepare('select count(*) as n from cadres').get() as { n: number }).n;

/** Moves the file (and any WAL side files) into backups/, returning where it went. */
function moveAside(file: string): string {
  const dir = path.join(path.dirname(file), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `truoc-du-lieu-mau-${stamp}-${path.basename(file)}`);
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  return target;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let db = await openDatabase({ file: args.file }).catch((e: unknown) => fail(e instanceof DatabaseOpenError ? e.message : `Không mở được ${args.file}: ${(e as Error).message}`));
  const existing = cadreCount(db);
  if (existing > 0) {
    if (!args.force) {
      closeDatabase(db);
      fail(
        `Cơ sở dữ liệu ${args.file} đã có ${existing.toLocaleString('vi-VN')} hồ sơ cán bộ; không tạo dữ liệu mẫu chồng lên dữ liệu đang có.\n` +
          'Hãy chọn tệp khác bằng --file, hoặc thêm --force để cất tệp hiện tại sang thư mục backups và tạo tệp mới.',
      );
    }
    closeDatabase(db);
    const moved = moveAside(args.file);
    console.log(`Đã cất tệp cũ (${existing.toLocaleString('vi-VN')} hồ sơ) sang ${moved}`);
    db = await openDatabase({ file: args.file });
  }
  try {
    const started = performance.now();
    const result = generateFullSample(db, { cadres: args.cadres, seed: args.seed, actor: 'dữ liệu mẫu (npm run seed)' });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Đã tạo ${result.units.toLocaleString('vi-VN')} đơn vị, ${result.cadres.toLocaleString('vi-VN')} cán bộ, ` +
        `${result.qualifications.toLocaleString('vi-VN')} văn bằng, chứng chỉ, ${result.trainingPlans} kế hoạch đào tạo với ${result.enrolments.toLocaleString('vi-VN')} lượt học, ` +
        `${result.rotations.toLocaleString('vi-VN')} đợt luân chuyển trong ${seconds.toFixed(1)} giây (hạt giống ${args.seed}).\n→ ${args.file}`,
    );
  } catch (e) {
    console.error(`Không tạo được dữ liệu mẫu: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    closeDatabase(db);
  }
}

void main();
