import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/src/config';
import { isPostgres, isPostgresUrl, openDatabase, type Db } from '../server/src/db/database';
import { CopyMismatchError, CopyRefusedError, copyDatabase, type CopyReport } from './db-copy/copy';
import { readWithoutMmap } from './db-copy/copy-repository';
import { formatReport, hideCredentials } from './db-copy/report';

const USAGE = `Usage: npm run db:copy -- --to postgres://user@host:5432/db [--from path/to/qingbo.sqlite]

Copies a SQLite database (default: the configured DB_FILE) into an empty PostgreSQL/PostGIS database,
migrating the target first, in one transaction, then verifies every table (rows and checksum).
Nothing is written when the target holds data or a table does not verify.`;

function fail(message: string, code: number): never {
  console.error(`db:copy: ${message}`);
  process.exit(code);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`, 2);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.to || !isPostgresUrl(values.to)) fail(`--to must be a postgres:// URL\n\n${USAGE}`, 2);

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message, 2);
  throw err;
}
const from = values.from ?? config.dbFile;
if (isPostgresUrl(from)) fail('--from must be a SQLite file (copying between PostgreSQL databases is pg_dump | pg_restore)', 2);
if (!fs.existsSync(from)) fail(`no SQLite database at ${from}`, 2);

let source: Db | undefined;
let target: Db | undefined;
let report: CopyReport | undefined;
let lastPrint = 0;
try {
  source = openDatabase(from);
  readWithoutMmap(source);
  console.log(`Copying ${from} → ${hideCredentials(values.to)} …`);
  target = openDatabase(values.to);
  if (!isPostgres(target)) fail('the target is not PostgreSQL', 2);
  report = copyDatabase(source, target, {
    onProgress(table, copied, total) {
      const now = Date.now();
      if (now - lastPrint < 2000 && copied < total) return;
      lastPrint = now;
      console.error(`  ${table}: ${copied.toLocaleString('en')} / ${total.toLocaleString('en')} rows`);
    },
  });
} catch (err) {
  if (err instanceof CopyMismatchError) report = err.report;
  else if (err instanceof CopyRefusedError) fail(`refused: ${err.message}`, 1);
  else fail((err as Error).message, 1);
} finally {
  source?.close();
  target?.close();
}
console.log(formatReport(report!, config.uploadDir));
process.exit(report!.ok ? 0 : 1);
