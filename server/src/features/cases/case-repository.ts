import { isPostgres, type Db } from '../../db/database';
import type { CaseChannel, CaseState, Contact, Department } from '@shared/cases';
import { chunksOf, valuesList } from './bulk-sql';
import type { CaseChanges } from './state-machine';

/** A case as stored. */
export interface CaseRecord {
  id: number;
  number: string;
  categoryCode: string;
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  communityCode: string | null;
  communityName: string | null;
  gridCode: string | null;
  state: CaseState;
  department: Department | null;
  reportedAt: string;
  registeredAt: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  feedbackAt: string | null;
  closedAt: string | null;
  deadline: string | null;
  postponed: boolean;
  reworkCount: number;
  reporterId: number | null;
  channel: CaseChannel;
  contact: Contact | null;
  idempotencyKey: string | null;
  duplicateOf: number | null;
  demo: boolean;
  featureId: number | null;
  version: number;
  updatedAt: string;
}

/** The fields of a case the KPIs and their labels read. */
export type KpiCaseRow = Pick<CaseRecord, 'state' | 'categoryCode' | 'communityCode' | 'communityName' | 'gridCode' | 'department' | 'reporterId'
  | 'registeredAt' | 'dispatchedAt' | 'feedbackAt' | 'deadline' | 'postponed' | 'reworkCount'> & { reporterName: string | null };

/** A case to store: everything but what the database assigns. */
export type NewCase = Omit<CaseRecord, 'id' | 'version' | 'featureId' | 'updatedAt'>;

/** Criteria of a case list; every part is optional. */
export interface CaseFilter {
  states?: readonly CaseState[];
  category?: string;
  community?: string;
  grid?: string;
  department?: string;
  /** Only cases whose running clock passed its deadline before this instant. */
  overdueAt?: string;
  reportedFrom?: string;
  reportedTo?: string;
  /** A case number or words of the description or address. */
  text?: string;
  /** Only these case numbers. */
  numbers?: readonly string[];
  /** Only these category codes. */
  categories?: readonly string[];
  /** Only cases reported by this user. */
  reporterId?: number;
}

const COLUMNS: Record<keyof CaseRecord, string> = {
  id: 'id', number: 'number', categoryCode: 'category_code', description: 'description', lon: 'lon', lat: 'lat',
  address: 'address', communityCode: 'community_code', communityName: 'community_name', gridCode: 'grid_code', state: 'state',
  department: 'department', reportedAt: 'reported_at', registeredAt: 'registered_at', dispatchedAt: 'dispatched_at',
  acceptedAt: 'accepted_at', feedbackAt: 'feedback_at', closedAt: 'closed_at', deadline: 'deadline', postponed: 'postponed',
  reworkCount: 'rework_count', reporterId: 'reporter_id', channel: 'channel', contact: 'reporter_contact',
  idempotencyKey: 'idempotency_key', duplicateOf: 'duplicate_of', demo: 'demo', featureId: 'feature_id', version: 'version',
  updatedAt: 'updated_at',
};
const SELECT = `SELECT ${Object.entries(COLUMNS).map(([k, c]) => `c.${c} AS "${k}"`).join(', ')} FROM cases c`;
const BOOLEAN: (keyof CaseRecord)[] = ['postponed', 'demo'];

function toRecord(row: Record<string, unknown>): CaseRecord {
  const r = { ...row } as Record<string, unknown>;
  for (const k of BOOLEAN) r[k] = r[k] === 1;
  r.contact = typeof r.contact === 'string' ? JSON.parse(r.contact) : null;
  return r as unknown as CaseRecord;
}

function toColumnValue(key: keyof CaseRecord, value: unknown): unknown {
  if (BOOLEAN.includes(key)) return value ? 1 : 0;
  if (key === 'contact') return value ? JSON.stringify(value) : null;
  return value ?? null;
}

/** SQL that differs between the engines: a case-sensitive substring test (SQLite `instr`, PostgreSQL `strpos`). */
const TEXT_MATCH = {
  sqlite: "(instr(c.number, upper(?)) > 0 OR instr(c.description, ?) > 0 OR instr(coalesce(c.address, ''), ?) > 0)",
  postgres: "(strpos(c.number, upper(?)) > 0 OR strpos(c.description, ?) > 0 OR strpos(coalesce(c.address, ''), ?) > 0)",
};

function whereOf(f: CaseFilter, textMatch: string): { sql: string; params: unknown[] } {
  const parts: string[] = ['1 = 1'];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.states?.length) add(`c.state IN (${f.states.map(() => '?').join(', ')})`, ...f.states);
  if (f.category) add('c.category_code = ?', f.category);
  if (f.community) add('c.community_code = ?', f.community);
  if (f.grid) add('c.grid_code = ?', f.grid);
  if (f.department) add('c.department = ?', f.department);
  if (f.reporterId !== undefined) add('c.reporter_id = ?', f.reporterId);
  if (f.overdueAt) add("c.state IN ('dispatched', 'handling') AND c.deadline < ?", f.overdueAt);
  if (f.reportedFrom) add('c.reported_at >= ?', f.reportedFrom);
  if (f.reportedTo) add('c.reported_at < ?', f.reportedTo);
  if (f.numbers) add(`c.number IN (${f.numbers.map(() => '?').join(', ') || 'NULL'})`, ...f.numbers);
  if (f.categories) add(`c.category_code IN (${f.categories.map(() => '?').join(', ') || 'NULL'})`, ...f.categories);
  if (f.text) add(textMatch, f.text, f.text, f.text);
  return { sql: parts.join(' AND '), params };
}

/** SQL access to `cases`. */
export function createCaseRepository(db: Db) {
  const textMatch = isPostgres(db) ? TEXT_MATCH.postgres : TEXT_MATCH.sqlite;
  const where = (f: CaseFilter) => whereOf(f, textMatch);
  const insertable = (Object.keys(COLUMNS) as (keyof CaseRecord)[]).filter((k) => !['id', 'version', 'featureId', 'updatedAt'].includes(k));
  const insert = db.prepare(`INSERT INTO cases (${insertable.map((k) => COLUMNS[k]).join(', ')}, updated_at, version)
    VALUES (${insertable.map(() => '?').join(', ')}, ?, ?) RETURNING id`).pluck();
  const demoOrYear = db.prepare<[string, string], number>('SELECT count(*) FROM cases WHERE demo = 1 OR (number > ? AND number < ?)').pluck();
  const byId = db.prepare(`${SELECT} WHERE c.id = ?`);
  const byNumber = db.prepare(`${SELECT} WHERE c.number = ?`);
  const byKey = db.prepare(`${SELECT} WHERE c.idempotency_key = ?`);
  const lastNumber = db.prepare<[string, string], { n: string | null }>('SELECT max(number) AS n FROM cases WHERE number > ? AND number < ?');
  const setFeature = db.prepare('UPDATE cases SET feature_id = ? WHERE id = ?');
  const near = db.prepare(`${SELECT} WHERE c.category_code = ? AND c.state IN ('reported', 'registered', 'dispatched', 'handling', 'feedback')
    AND c.reported_at >= ? AND c.lon BETWEEN ? AND ? AND c.lat BETWEEN ? AND ?`);
  const running = db.prepare(`${SELECT} WHERE c.state IN ('dispatched', 'handling')`);

  const kpiColumns: (keyof CaseRecord & keyof KpiCaseRow)[] = [
    'state', 'categoryCode', 'communityCode', 'communityName', 'gridCode', 'department', 'reporterId', 'registeredAt', 'dispatchedAt',
    'feedbackAt', 'deadline', 'postponed', 'reworkCount',
  ];
  // PostgreSQL cannot type a parameter that is only tested with IS NULL: the CAST names its type
  const kpiRows = db.prepare<[{ from: string | null; to: string | null; community: string | null }], Record<string, unknown>>(`
    SELECT ${kpiColumns.map((k) => `c.${COLUMNS[k]} AS "${k}"`).join(', ')}, u.display_name AS "reporterName"
    FROM cases c LEFT JOIN users u ON u.id = c.reporter_id
    WHERE c.registered_at IS NOT NULL AND (CAST(@from AS TEXT) IS NULL OR c.registered_at >= @from) AND (CAST(@to AS TEXT) IS NULL OR c.registered_at < @to)
      AND (CAST(@community AS TEXT) IS NULL OR c.community_code = @community) ORDER BY c.id`);

  return {
    /** Stores a new case (a generated history passes the version its changes reached); returns its id. */
    insert(c: NewCase, now: string, version = 1): number {
      return Number(insert.get(...insertable.map((k) => toColumnValue(k, c[k as keyof NewCase])), now, version));
    },
    /** Stores new cases in order with a few multi-row statements (a generated history); returns their ids in the same order. */
    insertMany(rows: readonly { c: NewCase; now: string; version: number }[]): number[] {
      const columns = insertable.length + 2;
      const ids: number[] = [];
      for (const chunk of chunksOf(rows, columns)) {
        const sql = `INSERT INTO cases (${insertable.map((k) => COLUMNS[k]).join(', ')}, updated_at, version) VALUES ${valuesList(chunk.length, columns)} RETURNING id, number`;
        const params = chunk.flatMap((r) => [...insertable.map((k) => toColumnValue(k, r.c[k as keyof NewCase])), r.now, r.version]);
        // RETURNING gives no row order on either engine: the unique number tells which id is whose
        const idOf = new Map((db.prepare(sql).all(...params) as { id: number; number: string }[]).map((r) => [r.number, Number(r.id)]));
        for (const r of chunk) ids.push(idOf.get(r.c.number)!);
      }
      return ids;
    },
    /** Links many cases to their features in the `cases` layer: pairs of case id and feature id. */
    setFeatureIds(pairs: readonly (readonly [number, number])[]): void {
      for (const chunk of chunksOf(pairs, 3)) {
        const sql = `UPDATE cases SET feature_id = CASE id ${chunk.map(() => 'WHEN ? THEN CAST(? AS BIGINT)').join(' ')} END WHERE id IN (${chunk.map(() => '?').join(', ')})`;
        db.prepare(sql).run(...chunk.flat(), ...chunk.map(([id]) => id));
      }
    },
    /** Number of demo cases and cases numbered in a year (`QB<year>-…`). */
    countDemoOrYear: (year: number): number => demoOrYear.get(`QB${year}-`, `QB${year}-9999999`) ?? 0,
    /** One case by id, or undefined. */
    get: (id: number): CaseRecord | undefined => {
      const row = byId.get(id) as Record<string, unknown> | undefined;
      return row ? toRecord(row) : undefined;
    },
    /** One case by number (`QB2011-000123`), or undefined. */
    getByNumber: (number: string): CaseRecord | undefined => {
      const row = byNumber.get(number) as Record<string, unknown> | undefined;
      return row ? toRecord(row) : undefined;
    },
    /** The case filed with a client's idempotency key, or undefined. */
    getByIdempotencyKey: (key: string): CaseRecord | undefined => {
      const row = byKey.get(key) as Record<string, unknown> | undefined;
      return row ? toRecord(row) : undefined;
    },
    /** The next free number of a year: `QB<year>-<six-digit sequence>`. */
    nextNumber(year: number): string {
      const last = lastNumber.get(`QB${year}-`, `QB${year}-9999999`)?.n;
      const seq = last ? Number(last.slice(-6)) + 1 : 1;
      return `QB${year}-${String(seq).padStart(6, '0')}`;
    },
    /** Applies changes if the case still has `version`; bumps the version. False when it changed meanwhile. */
    update(id: number, changes: CaseChanges, version: number, now: string): boolean {
      const keys = Object.keys(changes) as (keyof CaseChanges)[];
      const sets = keys.map((k) => `${COLUMNS[k]} = ?`);
      const sql = `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ?`;
      return db.prepare(sql).run(...keys.map((k) => toColumnValue(k, changes[k])), now, id, version).changes === 1;
    },
    /** Links a case to its feature in the `cases` layer. */
    setFeatureId(id: number, featureId: number): void {
      setFeature.run(featureId, id);
    },
    /** A page of matching cases, newest report first, with the number matched. */
    list(f: CaseFilter, limit: number, offset: number): { rows: CaseRecord[]; total: number } {
      const { sql, params } = where(f);
      const total = (db.prepare(`SELECT count(*) AS n FROM cases c WHERE ${sql}`).get(...params) as { n: number }).n;
      const rows = db.prepare(`${SELECT} WHERE ${sql} ORDER BY c.reported_at DESC, c.id DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as Record<string, unknown>[];
      return { rows: rows.map(toRecord), total };
    },
    /** Number of matching cases per state. */
    countByState(f: CaseFilter): Partial<Record<CaseState, number>> {
      const { sql, params } = where(f);
      const rows = db.prepare(`SELECT c.state AS state, count(*) AS n FROM cases c WHERE ${sql} GROUP BY c.state`).all(...params) as { state: CaseState; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
    /** Number of matching cases. */
    count(f: CaseFilter): number {
      const { sql, params } = where(f);
      return (db.prepare(`SELECT count(*) AS n FROM cases c WHERE ${sql}`).get(...params) as { n: number }).n;
    },
    /** Open cases of a category reported since an instant inside a lon/lat box. */
    openNear(category: string, since: string, bbox: [number, number, number, number]): CaseRecord[] {
      return (near.all(category, since, bbox[0], bbox[2], bbox[1], bbox[3]) as Record<string, unknown>[]).map(toRecord);
    },
    /** Cases whose handling clock is running (dispatched or handling). */
    withRunningClock: (): CaseRecord[] => (running.all() as Record<string, unknown>[]).map(toRecord),
    /** The KPI fields of the cases registered in [from, to) (of one community, when given), with their reporter's display name. */
    kpiCases(from: string | null, to: string | null, community: string | null = null): KpiCaseRow[] {
      return kpiRows.all({ from, to, community }).map((r) => ({ ...r, postponed: r.postponed === 1 }) as unknown as KpiCaseRow);
    },
    /** Cases registered in [from, to) with their reporter's display name, for the KPIs. */
    registeredBetween(from: string | null, to: string | null): (CaseRecord & { reporterName: string | null })[] {
      const rows = db.prepare(`${SELECT.replace(' FROM cases c', ', u.display_name AS "reporterName" FROM cases c LEFT JOIN users u ON u.id = c.reporter_id')}
        WHERE c.registered_at IS NOT NULL AND (CAST(@from AS TEXT) IS NULL OR c.registered_at >= @from) AND (CAST(@to AS TEXT) IS NULL OR c.registered_at < @to) ORDER BY c.id`)
        .all({ from, to }) as Record<string, unknown>[];
      return rows.map((r) => ({ ...toRecord(r), reporterName: (r.reporterName as string | null) ?? null }));
    },
  };
}

/** The case repository's interface. */
export type CaseRepository = ReturnType<typeof createCaseRepository>;
