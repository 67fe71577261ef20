import type { Db } from '../../db/database';
import type { AuditEntry, AuditPage } from '@shared/audit';

/** Which entries to list: each filter optional (null), `fromAt` inclusive and `toAt` exclusive ISO instants. */
export interface AuditFilter {
  entity: string | null;
  user: string | null;
  action: string | null;
  fromAt: string | null;
  toAt: string | null;
}

// each optional filter's `IS NULL` test casts its parameter: PostgreSQL cannot tell the type of a bare `$1 IS NULL`
const WHERE = `(CAST(@entity AS text) IS NULL OR entity = @entity) AND (CAST(@user AS text) IS NULL OR username = @user)
    AND (CAST(@action AS text) IS NULL OR action = @action)
    AND (CAST(@fromAt AS text) IS NULL OR at >= @fromAt) AND (CAST(@toAt AS text) IS NULL OR at < @toAt)`;

export type { AuditEntry };

/** What a write records. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** SQL access to the append-only `audit_log`. */
export function createAuditRepository(db: Db) {
  const insert = db.prepare<unknown[], { id: number }>('INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id');
  const page = db.prepare<AuditFilter & { limit: number; offset: number }, { id: number; at: string; user_id: number | null; username: string | null; action: string; entity: string; entity_id: string | null; summary: string }>(`
    SELECT * FROM audit_log WHERE ${WHERE} ORDER BY id DESC LIMIT @limit OFFSET @offset`);
  const setSummary = db.prepare('UPDATE audit_log SET summary = ? WHERE id = ?');
  const count = db.prepare<AuditFilter, { n: number }>(`SELECT count(*) AS n FROM audit_log WHERE ${WHERE}`);

  return {
    /** Appends an entry (call inside the write's transaction); returns its id. */
    record(e: NewAuditEntry, now: string): number {
      return insert.get(now, e.userId, e.username, e.action, e.entity, e.entityId, JSON.stringify(e.summary))!.id;
    },
    /** Rewrites the summaries of aggregate entries in one transaction: the one change the log allows, a burst's count (see audit-bursts.ts). */
    updateSummaries: db.transaction((updates: readonly { id: number; summary: Record<string, unknown> }[]): void => {
      for (const u of updates) setSummary.run(JSON.stringify(u.summary), u.id);
    }),
    /** Newest entries first, filtered by entity type, user name, action and time (each optional). */
    list(filter: AuditFilter, limit: number, offset: number): AuditPage {
      const rows = page.all({ ...filter, limit, offset });
      return {
        total: count.get(filter)?.n ?? 0,
        entries: rows.map((r) => ({
          id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id,
          summary: JSON.parse(r.summary) as Record<string, unknown>,
        })),
      };
    },
  };
}

/** The audit repository's interface. */
export type AuditRepository = ReturnType<typeof createAuditRepository>;
