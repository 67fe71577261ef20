import type { NotificationData, NotificationEvent, NotificationItem } from '@shared/notifications';
import type { Role } from '@shared/auth';
import { isPostgres, type Db } from '../../db/database';

/** A notification to store for one user. */
export interface NewNotification {
  event: NotificationEvent;
  caseId: number;
  caseNumber: string;
  data: NotificationData;
  /** Same key for the same user: stored once. */
  dedupeKey: string;
}

/** Who should hear of an event: users of some roles (of one department, for handlers), and/or some users by id. */
export interface RecipientQuery {
  roles: readonly Role[];
  department?: string | null;
  userIds?: readonly (number | null)[];
}

interface Row {
  id: number;
  event: NotificationEvent;
  caseId: number;
  caseNumber: string;
  data: string;
  createdAt: string;
  readAt: string | null;
}

const toItem = (r: Row): NotificationItem => ({
  id: r.id, event: r.event, caseId: r.caseId, caseNumber: r.caseNumber, data: JSON.parse(r.data) as NotificationData, createdAt: r.createdAt, read: r.readAt !== null,
});

// camelCase names are quoted: PostgreSQL folds unquoted ones to lower case
const COLUMNS = 'id, event, case_id AS "caseId", case_number AS "caseNumber", data, created_at AS "createdAt", read_at AS "readAt"';

/**
 * The statements that differ by engine: a JSON array parameter's elements as a set of values
 * (SQLite's `json_each`, PostgreSQL's `jsonb_array_elements_text`, whose text values are cast for id columns).
 */
const sqlOf = (db: Db) => isPostgres(db)
  ? { texts: 'SELECT jsonb_array_elements_text(CAST(? AS jsonb))', ids: 'SELECT CAST(jsonb_array_elements_text(CAST(? AS jsonb)) AS bigint)' }
  : { texts: 'SELECT value FROM json_each(?)', ids: 'SELECT value FROM json_each(?)' };

/** SQL of the per-user notifications and of the deadline colours already notified. */
export function createNotificationRepository(db: Db) {
  const SQL = sqlOf(db);
  const insert = db.prepare<unknown[], { id: number }>(`INSERT INTO notifications (user_id, event, case_id, case_number, data, dedupe_key, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`);
  const prune = db.prepare(`DELETE FROM notifications WHERE user_id = ? AND id <= (
    SELECT id FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM notifications WHERE id = ?`);
  const unread = db.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL');
  const recipients = db.prepare<unknown[], { id: number }>(`SELECT id FROM users WHERE disabled = 0 AND (
      (role IN (${SQL.texts}) AND (role <> 'handler' OR department = ?))
      OR id IN (${SQL.ids})) ORDER BY id`);
  const markSome = db.prepare(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (${SQL.ids})`);
  const getClock = db.prepare('SELECT deadline, level FROM notification_clocks WHERE case_id = ?');
  // a claim: the row changes only for a new deadline or a higher level, so one process of several notifies
  const claimClock = db.prepare(`INSERT INTO notification_clocks (case_id, deadline, level) VALUES (?, ?, ?)
    ON CONFLICT (case_id) DO UPDATE SET deadline = excluded.deadline, level = excluded.level
    WHERE notification_clocks.deadline <> excluded.deadline OR notification_clocks.level < excluded.level`);
  return {
    /** Ids of the enabled users a query names. */
    recipients(q: RecipientQuery): number[] {
      const ids = (q.userIds ?? []).filter((id): id is number => id !== null);
      return recipients.all(JSON.stringify(q.roles), q.department ?? null, JSON.stringify(ids)).map((r) => r.id);
    },
    /** Stores a notification for a user, keeping the newest `keep`; returns it, or undefined when its key was stored before. */
    insert(userId: number, n: NewNotification, at: string, keep: number): NotificationItem | undefined {
      const made = insert.get(userId, n.event, n.caseId, n.caseNumber, JSON.stringify(n.data), n.dedupeKey, at);
      if (!made) return undefined;
      prune.run(userId, userId, keep);
      return toItem(one.get(made.id) as Row);
    },
    /** A page of a user's notifications, newest first, with their total. */
    list(userId: number, limit: number, offset: number, unreadOnly: boolean): { rows: NotificationItem[]; total: number } {
      const where = `user_id = ?${unreadOnly ? ' AND read_at IS NULL' : ''}`;
      const rows = db.prepare(`SELECT ${COLUMNS} FROM notifications WHERE ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(userId, limit, offset) as Row[];
      const { n } = db.prepare(`SELECT count(*) AS n FROM notifications WHERE ${where}`).get(userId) as { n: number };
      return { rows: rows.map(toItem), total: n };
    },
    /** How many of a user's notifications are unread. */
    unread: (userId: number): number => (unread.get(userId) as { n: number }).n,
    /** Marks some (or all) of a user's notifications read; returns how many changed. Others' ids are left alone. */
    markRead(userId: number, ids: readonly number[] | 'all', at: string): number {
      if (ids === 'all') return db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId).changes;
      return markSome.run(at, userId, JSON.stringify(ids)).changes;
    },
    /** The deadline colour level last notified for a case (1 yellow, 2 red) and the deadline it was for. */
    clock: (caseId: number) => getClock.get(caseId) as { deadline: string; level: number } | undefined,
    /**
     * Claims the notice of a case's deadline colour (1 yellow, 2 red): true when this level was not yet
     * notified for this deadline (and is now recorded), false when it or a higher one was. Call it in the
     * transaction that stores the notices, so that of several processes scanning at once one notifies.
     */
    claimClock: (caseId: number, deadline: string, level: number): boolean => claimClock.run(caseId, deadline, level).changes > 0,
  };
}

/** The notification repository's interface. */
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
