import { translatePlaceholders, type Translated } from './placeholders';
import { SyncClient, BridgeTimeoutError, type BridgeReply, type BridgeRequest, type SyncClientOptions } from './sync-client';

/** The advisory lock every write transaction takes first: write transactions run one at a time in the cluster. */
export const WRITE_LOCK_KEY = 7_361_412;

/**
 * Longest a transaction waits for a lock (the write lock, or a row another session holds), in milliseconds. The
 * wait blocks the whole process (the bridge is synchronous), so it is bounded: past it the statement fails with
 * SQLSTATE 55P03 (lock_not_available), the transaction rolls back, and the request answers 503 busy.
 */
export const LOCK_WAIT_MS = 3_000;

/** The database could not be reached (refused, lost, timed out): the request may be retried later. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, readonly sqlState?: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** A statement PostgreSQL refused; `code` is its SQLSTATE (23505 unique violation, 23514 check violation…). */
export class PgError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly detail?: string, readonly constraint?: string) {
    super(message);
    this.name = 'PgError';
  }
}

/** What `run` answers: the rows changed. There is no rowid on PostgreSQL: insert with `RETURNING id`. */
export interface PgRunResult {
  changes: number;
  readonly lastInsertRowid: number;
}

const runResult = (changes: number): PgRunResult => ({
  changes,
  get lastInsertRowid(): number {
    throw new Error('lastInsertRowid does not exist on PostgreSQL: write INSERT … RETURNING id and read it with get()');
  },
});

/** Whether a value is one object of named parameters (better-sqlite3's `@name` binding), not a bound value. */
const isNamedParams = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date);

/**
 * A prepared statement with better-sqlite3's calling convention (`get`, `all`, `run`, `pluck`, `raw`), run
 * synchronously over the bridge. PostgreSQL prepares it once per connection (a named statement).
 */
export class PgStatement {
  private pluckMode = false;
  private rawMode = false;

  constructor(private readonly db: PgDatabase, private readonly translated: Translated, readonly source: string) {}

  /** Returns the first column only (`true`, the default) or whole rows. */
  pluck(toggle = true): this {
    this.pluckMode = toggle;
    if (toggle) this.rawMode = false;
    return this;
  }

  /** Returns rows as arrays (`true`, the default) or as objects. */
  raw(toggle = true): this {
    this.rawMode = toggle;
    if (toggle) this.pluckMode = false;
    return this;
  }

  /** The first row, or undefined. */
  get(...params: unknown[]): unknown {
    return this.shape(this.query(params))[0];
  }

  /** Every row. */
  all(...params: unknown[]): unknown[] {
    return this.shape(this.query(params));
  }

  /** Runs a statement that writes; answers the rows changed. */
  run(...params: unknown[]): PgRunResult {
    return runResult(this.db.request({ op: 'query', sql: this.translated.text, params: this.bind(params), raw: false, prepare: true }).rowCount ?? 0);
  }

  /** Every row, one after another (read at once: the bridge has no cursors). */
  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  private query(params: unknown[]): unknown[] {
    const raw = this.rawMode || this.pluckMode;
    const reply = this.db.request({ op: 'query', sql: this.translated.text, params: this.bind(params), raw, prepare: true });
    const rows = reply.rows ?? [];
    if (reply.bytea) {
      for (const row of rows as Record<string | number, unknown>[]) {
        for (const k of reply.bytea) {
          const v = row[k];
          if (v instanceof Uint8Array) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
        }
      }
    }
    return rows;
  }

  private shape(rows: unknown[]): unknown[] {
    return this.pluckMode ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  private bind(params: unknown[]): unknown[] {
    const { names, positional } = this.translated;
    if (names.length > 0) {
      if (params.length !== 1 || !isNamedParams(params[0])) throw new TypeError('this statement takes one object of named parameters');
      const values = params[0];
      return names.map((n) => {
        if (!(n in values)) throw new RangeError(`missing named parameter "${n}"`);
        return values[n];
      });
    }
    const flat = params.length === 1 && Array.isArray(params[0]) && positional > 1 ? params[0] : params;
    if (flat.length !== positional) throw new RangeError(`the statement takes ${positional} parameter(s), ${flat.length} given`);
    return flat;
  }
}

/** Options of {@link PgDatabase}. */
export type PgDatabaseOptions = Partial<Omit<SyncClientOptions, 'connectionString'>>;

/**
 * A PostgreSQL connection with the part of better-sqlite3's API the repositories use: `prepare`, `exec`,
 * `transaction` (nested calls become savepoints; the outermost takes {@link WRITE_LOCK_KEY} first, so write
 * transactions are serialised across every process like SQLite's single writer, waiting at most {@link LOCK_WAIT_MS}) and `close`. Synchronous: each
 * call waits for PostgreSQL (see {@link SyncClient}). `pragma` and `function` are SQLite's and throw here.
 */
export class PgDatabase {
  /** Marks the engine for `isPostgres`. */
  readonly engine = 'postgres' as const;
  /** The server and database, without the password (for logs). */
  readonly name: string;
  private readonly client: SyncClient;
  private readonly translations = new Map<string, Translated>();
  private depth = 0;
  open = true;

  constructor(readonly connectionString: string, options: PgDatabaseOptions = {}) {
    const url = new URL(connectionString);
    this.name = `${url.hostname}:${url.port || 5432}${url.pathname}`;
    this.client = new SyncClient({
      connectionString,
      statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      applicationName: options.applicationName ?? 'qingbo-one-map',
    });
  }

  /** Whether a transaction is open on this connection. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** A statement with `?` or `@name` placeholders. */
  prepare(sql: string): PgStatement {
    let t = this.translations.get(sql);
    if (!t) {
      t = translatePlaceholders(sql);
      if (this.translations.size > 2000) this.translations.clear();
      this.translations.set(sql, t);
    }
    return new PgStatement(this, t, sql);
  }

  /** Runs one or more statements without parameters. */
  exec(sql: string): this {
    this.request({ op: 'exec', sql });
    return this;
  }

  /**
   * Wraps `fn` in a transaction, like better-sqlite3: the returned function runs it, committing on return and
   * rolling back on a throw; `.deferred`, `.immediate` and `.exclusive` are the same here.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { deferred: (...args: A) => R; immediate: (...args: A) => R; exclusive: (...args: A) => R } {
    const run = (...args: A): R => {
      const outer = this.depth === 0;
      const savepoint = `sp${this.depth}`;
      this.request(outer ? { op: 'begin', sql: `BEGIN; SET LOCAL lock_timeout = ${LOCK_WAIT_MS}; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})` } : { op: 'exec', sql: `SAVEPOINT ${savepoint}` });
      this.depth++;
      let result: R;
      try {
        result = fn(...args);
        if (result instanceof Promise) throw new TypeError('a transaction function must not be async');
      } catch (err) {
        this.depth--;
        try {
          this.request(outer ? { op: 'rollback', sql: 'ROLLBACK' } : { op: 'exec', sql: `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` });
        } catch {
          // the connection is gone: PostgreSQL rolled back by itself
        }
        throw err;
      }
      this.depth--;
      this.request(outer ? { op: 'commit', sql: 'COMMIT' } : { op: 'exec', sql: `RELEASE SAVEPOINT ${savepoint}` });
      return result;
    };
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  }

  /** SQLite only. */
  pragma(): never {
    throw new Error('PRAGMA is SQLite only; this database is PostgreSQL');
  }

  /** SQLite only. */
  function(): never {
    throw new Error('user-defined SQL functions are SQLite only; this database is PostgreSQL');
  }

  /** Closes the connection. */
  close(): this {
    if (this.open) {
      this.open = false;
      this.client.close();
    }
    return this;
  }

  /** Sends one request over the bridge; a failure becomes {@link DatabaseUnavailableError} or {@link PgError}. */
  request(req: BridgeRequest): BridgeReply {
    let reply: BridgeReply;
    try {
      reply = this.client.call(req);
    } catch (err) {
      if (err instanceof BridgeTimeoutError) throw new DatabaseUnavailableError(err.message);
      throw err;
    }
    if (reply.ok) return reply;
    const e = reply.error!;
    if (e.connection) throw new DatabaseUnavailableError(`PostgreSQL is unavailable: ${e.message}`, e.code);
    throw new PgError(e.message, e.code, e.detail, e.constraint);
  }
}
