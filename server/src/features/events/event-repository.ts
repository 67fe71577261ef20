import type { Db } from '../../db/database';

/** The PostgreSQL notification channel of new outbox rows (the payload is the row's id, nothing else). */
export const EVENTS_CHANNEL = 'qingbo_events';

/** One row of the `events` outbox (PostgreSQL only: SQLite keeps live events in memory). */
export interface EventRow {
  id: number;
  type: string;
  /** The event's data as JSON text. */
  payload: string;
  /** The user it is for; null: for everyone. */
  recipient: number | null;
}

/** The part of a node-postgres client the listening side uses. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

const COLUMNS = 'id, type, payload, recipient';
/** Ids come back from a plain node-postgres client as text (bigint): as numbers, like the synchronous bridge gives them. */
const asRow = (r: unknown): EventRow => {
  const row = r as { id: string | number; type: string; payload: string; recipient: string | number | null };
  return { id: Number(row.id), type: row.type, payload: row.payload, recipient: row.recipient === null ? null : Number(row.recipient) };
};

/** The outbox through the process's synchronous connection: writes (inside the caller's transaction when there is one) and replays. */
export function createEventRepository(db: Db) {
  const insert = db.prepare(`WITH e AS (INSERT INTO events (type, payload, recipient, created_at) VALUES (?, ?, ?, ?) RETURNING id)
    SELECT id, pg_notify('${EVENTS_CHANNEL}', id::text) FROM e`).pluck();
  const since = db.prepare(`SELECT ${COLUMNS} FROM (SELECT ${COLUMNS} FROM events WHERE id > ? AND (recipient IS NULL OR recipient = ?)
    ORDER BY id DESC LIMIT ?) newest ORDER BY id`);
  const last = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck();
  const prune = db.prepare('DELETE FROM events WHERE id <= ?');
  return {
    /** Stores an event and notifies every listening process of its id (on commit, inside a transaction); returns the id. */
    insert: (type: string, payload: string, recipient: number | null, at: string): number => Number(insert.get(type, payload, recipient, at)),
    /** The newest `limit` events after an id meant for a user (or for everyone), oldest first. */
    since: (id: number, userId: number | undefined, limit: number): EventRow[] => since.all(id, userId ?? null, limit).map(asRow),
    /** The id of the latest event (0 when none is kept). */
    lastId: (): number => Number(last.get()),
    /** Forgets the events up to an id. */
    pruneThrough: (id: number): void => {
      prune.run(id);
    },
  };
}

/** The outbox through a process's listening connection (asynchronous node-postgres client). */
export const eventFeed = {
  /** Subscribes the connection to {@link EVENTS_CHANNEL}. */
  listen: async (client: Queryable): Promise<void> => {
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  },
  /** The events of some ids, in id order. */
  byIds: async (client: Queryable, ids: number[]): Promise<EventRow[]> =>
    (await client.query(`SELECT ${COLUMNS} FROM events WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).rows.map(asRow),
  /** The id of the latest event (0 when none is kept). */
  newest: async (client: Queryable): Promise<number> =>
    Number((await client.query('SELECT coalesce(max(id), 0) AS id FROM events')).rows.map((r) => (r as { id: string | number }).id)[0] ?? 0),
  /** Up to `limit` events after an id, in id order. */
  after: async (client: Queryable, id: number, limit: number): Promise<EventRow[]> =>
    (await client.query(`SELECT ${COLUMNS} FROM events WHERE id > $1 ORDER BY id LIMIT $2`, [id, limit])).rows.map(asRow),
  /**
   * Takes a session-level advisory lock named by a job (two-int key space, apart from the single-key
   * transaction lock of writes) if it is free; held until the connection ends.
   */
  tryLock: async (client: Queryable, job: string): Promise<boolean> =>
    (await client.query("SELECT pg_try_advisory_lock(20818, hashtext($1)) AS ok", [job])).rows.map((r) => (r as { ok: boolean }).ok)[0] === true,
};
