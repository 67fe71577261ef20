import type { Db } from '../../server/src/db/database';

/** A column as `db:copy` needs to know it. */
export interface SourceColumn {
  name: string;
  /** Declared SQLite type (`TEXT`, `INTEGER`, `BLOB`, …). */
  type: string;
  /** Position in the primary key (1-based), 0 when not part of it. */
  pk: number;
}

/** A column of the PostgreSQL target. */
export interface TargetColumn {
  name: string;
  /** `information_schema` data type (`bigint`, `text`, `jsonb`, `USER-DEFINED` for geometry, …). */
  type: string;
  identity: boolean;
  generated: boolean;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Names of the source's tables (SQLite). */
export function sourceTableNames(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

/** The source table's columns in their order (SQLite). */
export function sourceColumns(db: Db, table: string): SourceColumn[] {
  return db.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(table) as SourceColumn[];
}

/**
 * Reads the source SQLite file with plain reads instead of the memory map the server uses: a mapped file counts in
 * the copy's resident memory as it is read, which would hide whether the copy itself stays bounded.
 */
export function readWithoutMmap(db: Db): void {
  db.pragma('mmap_size = 0');
}

/** Versions of the migrations a database recorded (both engines keep `schema_migrations`). */
export function recordedMigrations(db: Db): number[] {
  return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
}

/** The target table's columns in their order (PostgreSQL); empty when the table does not exist. */
export function targetColumns(db: Db, table: string): TargetColumn[] {
  const rows = db.prepare(`SELECT column_name AS name, data_type AS type, is_identity AS identity, is_generated AS generated
    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`)
    .all(table) as { name: string; type: string; identity: string; generated: string }[];
  return rows.map((r) => ({ name: r.name, type: r.type, identity: r.identity === 'YES', generated: r.generated !== 'NEVER' }));
}

/** Whether a table holds at least one row (either engine). */
export function hasRows(db: Db, table: string): boolean {
  return db.prepare(`SELECT 1 FROM ${q(table)} LIMIT 1`).get() !== undefined;
}

/** Row count of a table (either engine). */
export function countRows(db: Db, table: string): number {
  return Number(db.prepare(`SELECT count(*) FROM ${q(table)}`).pluck().get());
}

/**
 * Switches a PostgreSQL table's own triggers off or on (the version bumps and change log of `features`,
 * the append-only guards): the copy brings those tables' final state itself. Transactional, and needs the
 * role that owns the table.
 */
export function setUserTriggers(db: Db, table: string, enabled: boolean): void {
  db.exec(`ALTER TABLE ${q(table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

/** How one table is read a page at a time, the same SQL on both engines. */
export interface PageReader {
  /** The next page of rows (arrays in `columns` order); empty at the end. */
  next(): unknown[][];
}

/**
 * Reads a table in pages of `size` rows: by `id` when the table has an integer id (keyset, cheap at any
 * depth), else by the primary key with an offset (small tables). `select[i]` is the expression read for
 * column i (e.g. `json(properties)` for SQLite's JSONB).
 */
export function pageReader(db: Db, table: string, select: string[], key: string[], size: number): PageReader {
  const list = select.join(', ');
  const byId = key.length === 1 && key[0] === 'id';
  const order = (key.length ? key : select.map((_, i) => String(i + 1))).map((k) => (/^\d+$/.test(k) ? k : q(k))).join(', ');
  const first = byId
    ? db.prepare(`SELECT ${list} FROM ${q(table)} ORDER BY id LIMIT ?`).raw()
    : db.prepare(`SELECT ${list} FROM ${q(table)} ORDER BY ${order} LIMIT ? OFFSET ?`).raw();
  const after = byId ? db.prepare(`SELECT ${list} FROM ${q(table)} WHERE id > ? ORDER BY id LIMIT ?`).raw() : first;
  const idIndex = byId ? select.findIndex((s) => s === q('id')) : -1;
  let lastId: unknown;
  let offset = 0;
  let done = false;
  return {
    next() {
      if (done) return [];
      const rows = (!byId ? first.all(size, offset) : offset === 0 ? first.all(size) : after.all(lastId, size)) as unknown[][];
      if (rows.length < size) done = true;
      offset += rows.length;
      if (byId && rows.length) lastId = rows[rows.length - 1]![idIndex];
      return rows;
    },
  };
}

/** Inserts rows into a target table with one multi-row statement per call (prepared once per row count). */
export function rowInserter(db: Db, table: string, columns: string[], overridingIdentity: boolean): (rows: unknown[][]) => void {
  const cache = new Map<number, { run(...params: unknown[]): unknown }>();
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')})${overridingIdentity ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES `;
  return (rows) => {
    if (rows.length === 0) return;
    let stmt = cache.get(rows.length);
    if (!stmt) {
      stmt = db.prepare(head + Array.from({ length: rows.length }, () => one).join(', '));
      cache.set(rows.length, stmt);
    }
    stmt.run(...rows.flat());
  };
}

/** Quotes an identifier for either engine. */
export const quoteIdent = q;
