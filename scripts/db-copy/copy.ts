import type { Db } from '../../server/src/db/database';
import { resetIdentities, sqliteSequences } from '../../server/src/db/identities';
import { TableChecksum } from './checksum';
import {
  countRows, hasRows, pageReader, quoteIdent, recordedMigrations, rowInserter, setUserTriggers, sourceColumns, sourceTableNames,
  targetColumns,
} from './copy-repository';
import { COPIED_TABLES, SKIPPED_TABLES, isInternalTable } from './tables';

/** One table's outcome: rows and checksum on each side. */
export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
  seconds: number;
}

/** What `copyDatabase` did: per copied table, the tables left behind and why, the total time. */
export interface CopyReport {
  ok: boolean;
  tables: TableReport[];
  skipped: { table: string; rows: number; reason: string }[];
  seconds: number;
}

/** The copy was not started: the target is not empty, its schema differs, or the source has a table nobody placed. */
export class CopyRefusedError extends Error {}

/** The copy ran but the target's rows did not verify; everything was rolled back. */
export class CopyMismatchError extends Error {
  constructor(readonly report: CopyReport) {
    super(`verification failed for ${report.tables.filter((t) => !t.ok).map((t) => t.table).join(', ')}: nothing was copied (rolled back)`);
  }
}

/** Options of `copyDatabase`. */
export interface CopyOptions {
  /** Rows read and inserted per statement (at most; big rows go in smaller batches). */
  pageRows?: number;
  /** Called after each batch with the rows copied so far of the table and its total. */
  onProgress?: (table: string, copied: number, total: number) => void;
  /** Runs inside the target's transaction between the copy and the verification (tests tamper here). */
  beforeVerify?: (target: Db) => void;
}

interface TablePlan {
  table: string;
  columns: string[];
  json: boolean[];
  sourceSelect: string[];
  key: string[];
  identity: boolean;
}

const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Copies a SQLite database into an empty, migrated PostgreSQL database in one transaction: every table of
 * `COPIED_TABLES` with its ids, the target's own triggers off meanwhile (the copied rows already hold their
 * effects: layer versions, the feature change log), identities moved past the copied ids, then each table
 * read back and compared (row count and `TableChecksum`). A mismatch rolls everything back
 * (`CopyMismatchError`); a non-empty or differently migrated target is refused before anything is written
 * (`CopyRefusedError`). The source is read in one snapshot, a page at a time (memory stays bounded).
 */
export function copyDatabase(source: Db, target: Db, options: CopyOptions = {}): CopyReport {
  const started = performance.now();
  const pageRows = options.pageRows ?? 500;
  source.exec('BEGIN');
  try {
    const { plans, skipped } = planCopy(source, target);
    const floors = sqliteSequences(source);
    const tables: TableReport[] = [];
    const run = target.transaction(() => {
      for (const p of plans) setUserTriggers(target, p.table, false);
      const sums = plans.map((p) => copyTable(source, target, p, pageRows, options.onProgress));
      resetIdentities(target, floors);
      for (const p of plans) setUserTriggers(target, p.table, true);
      options.beforeVerify?.(target);
      plans.forEach((p, i) => {
        const t0 = performance.now();
        const back = checksumOf(target, p, p.columns.map(quoteIdent), 2000);
        const s = sums[i]!;
        tables.push({
          table: p.table, sourceRows: s.sum.rows, targetRows: back.rows, sourceChecksum: s.sum.hex, targetChecksum: back.hex,
          ok: s.sum.rows === back.rows && s.sum.hex === back.hex, seconds: s.seconds + (performance.now() - t0) / 1000,
        });
      });
      const report: CopyReport = { ok: tables.every((t) => t.ok), tables, skipped, seconds: (performance.now() - started) / 1000 };
      if (!report.ok) throw new CopyMismatchError(report);
      return report;
    });
    return run();
  } finally {
    source.exec('ROLLBACK');
  }
}

function planCopy(source: Db, target: Db): { plans: TablePlan[]; skipped: CopyReport['skipped'] } {
  const names = sourceTableNames(source);
  const copied = new Set<string>(COPIED_TABLES);
  const unknown = names.filter((n) => !copied.has(n) && !Object.hasOwn(SKIPPED_TABLES, n) && !isInternalTable(n));
  if (unknown.length) {
    throw new CopyRefusedError(`the source has table(s) db:copy does not know: ${unknown.join(', ')} (add each to COPIED_TABLES or SKIPPED_TABLES in scripts/db-copy/tables.ts)`);
  }
  const missingVersions = recordedMigrations(source).filter((v) => !recordedMigrations(target).includes(v));
  if (missingVersions.length) {
    throw new CopyRefusedError(`the target has not run migration(s) ${missingVersions.join(', ')} that the source has: migrate it with this version of the console first`);
  }
  const plans = COPIED_TABLES.map((table) => planTable(source, target, table, names.includes(table)));
  const busy = COPIED_TABLES.filter((t) => hasRows(target, t));
  if (busy.length) {
    throw new CopyRefusedError(`the target is not empty (${busy.map((t) => `${t}: ${countRows(target, t)} rows`).join(', ')}): db:copy fills a freshly migrated database only. Did a server start on it and seed the demo? Drop and re-create the database, then copy before starting any server.`);
  }
  const skipped = names.filter((n) => Object.hasOwn(SKIPPED_TABLES, n)).map((table) => ({ table, rows: countRows(source, table), reason: SKIPPED_TABLES[table]! }));
  return { plans, skipped };
}

function planTable(source: Db, target: Db, table: string, inSource: boolean): TablePlan {
  if (!inSource) throw new CopyRefusedError(`the source has no table ${table}: is it a Qingbo One Map database?`);
  const into = targetColumns(target, table);
  if (into.length === 0) throw new CopyRefusedError(`the target has no table ${table}: is it migrated?`);
  const from = sourceColumns(source, table);
  const byName = new Map(into.map((c) => [c.name, c]));
  const lacking = from.filter((c) => !byName.has(c.name) || byName.get(c.name)!.generated).map((c) => c.name);
  if (lacking.length) throw new CopyRefusedError(`the target's ${table} has no column(s) ${lacking.join(', ')} to copy into`);
  const json = from.map((c) => ['json', 'jsonb'].includes(byName.get(c.name)!.type));
  return {
    table,
    columns: from.map((c) => c.name),
    json,
    sourceSelect: from.map((c, i) => (json[i] ? `json(${quoteIdent(c.name)})` : quoteIdent(c.name))),
    key: from.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    identity: into.some((c) => c.identity && c.name === 'id'),
  };
}

function copyTable(source: Db, target: Db, p: TablePlan, pageRows: number, onProgress: CopyOptions['onProgress']): { sum: TableChecksum; seconds: number } {
  const t0 = performance.now();
  const total = countRows(source, p.table);
  const read = pageReader(source, p.table, p.sourceSelect, p.key, pageRows);
  const insert = rowInserter(target, p.table, p.columns, p.identity);
  const sum = new TableChecksum();
  for (let rows = read.next(); rows.length; rows = read.next()) {
    for (const row of rows) sum.add(row, p.json);
    for (const batch of byBytes(rows)) {
      try {
        insert(batch);
      } catch (err) {
        throw new Error(`copying ${p.table} (rows from id/key ${String(batch[0]?.[0])}) failed: ${(err as Error).message}`, { cause: err });
      }
    }
    onProgress?.(p.table, sum.rows, total);
  }
  return { sum, seconds: (performance.now() - t0) / 1000 };
}

function* byBytes(rows: unknown[][]): Generator<unknown[][]> {
  let batch: unknown[][] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.reduce<number>((n, v) => n + (typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.length : 8), 0);
    if (batch.length && bytes + size > BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length) yield batch;
}

function checksumOf(db: Db, p: TablePlan, select: string[], pageRows: number): TableChecksum {
  const sum = new TableChecksum();
  const read = pageReader(db, p.table, select, p.key, pageRows);
  for (let rows = read.next(); rows.length; rows = read.next()) for (const row of rows) sum.add(row, p.json);
  return sum;
}
