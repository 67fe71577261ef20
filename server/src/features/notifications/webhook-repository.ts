import type { DeliveryState, NewWebhook, NotificationEvent, WebhookDelivery, WebhookKind } from '@shared/notifications';
import { isPostgres, type Db } from '../../db/database';

/** A stored webhook, secret included (server side only). */
export interface WebhookRecord {
  id: number;
  name: string;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  events: NotificationEvent[];
  createdAt: string;
  lastStatus: number | null;
  lastError: string | null;
  lastAt: string | null;
}

/** A pending delivery with what sending it needs. */
export interface DueDelivery {
  id: number;
  webhookId: number;
  event: NotificationEvent;
  payload: string;
  attempts: number;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  /** The end of this process's claim on the delivery (see `claimDue`). */
  claimedUntil: string;
}

/** The outcome of one attempt to store. */
export interface AttemptOutcome {
  state: DeliveryState;
  status: number | null;
  error: string | null;
  nextAt: string | null;
}

// camelCase names are quoted: PostgreSQL folds unquoted ones to lower case
const HOOK = `id, name, kind, url, secret, events, created_at AS "createdAt", last_status AS "lastStatus", last_error AS "lastError", last_at AS "lastAt"`;
const DELIVERY = `id, event, case_number AS "caseNumber", state, attempts, next_at AS "nextAt", last_status AS "lastStatus", last_error AS "lastError",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const toHook = (r: Record<string, unknown>): WebhookRecord => ({ ...(r as unknown as WebhookRecord), events: JSON.parse(r.events as string) as NotificationEvent[] });

/**
 * SQL of the webhooks and their queued deliveries. Several processes may send: a process claims a due
 * delivery by moving its `next_at` to the end of a lease (one statement; on PostgreSQL the row is taken
 * with `FOR UPDATE SKIP LOCKED`), so no other process sees it due until the attempt is recorded or,
 * when the claiming process died, the lease ends and the delivery is due again.
 */
export function createWebhookRepository(db: Db) {
  const pg = isPostgres(db);
  const enqueue = db.prepare(`INSERT INTO webhook_deliveries (webhook_id, event, case_number, payload, dedupe_key, next_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const pruneDeliveries = db.prepare(`DELETE FROM webhook_deliveries WHERE webhook_id = ? AND state <> 'pending' AND id <= (
    SELECT id FROM webhook_deliveries WHERE webhook_id = ? AND state <> 'pending' ORDER BY id DESC LIMIT 1 OFFSET ?)`);
  const subscribers = db.prepare<[string], { id: number }>(pg
    ? 'SELECT id FROM webhooks WHERE CAST(events AS jsonb) @> jsonb_build_array(CAST(? AS text)) ORDER BY id'
    : 'SELECT id FROM webhooks WHERE EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE value = ?) ORDER BY id');
  const claim = db.prepare<[{ at: string; until: string }], { id: number }>(`UPDATE webhook_deliveries SET next_at = @until
    WHERE id = (SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_at <= @at ORDER BY next_at, id LIMIT 1${pg ? ' FOR UPDATE SKIP LOCKED' : ''})
      AND state = 'pending' AND next_at <= @at
    RETURNING id`);
  const claimed = db.prepare<[number], Omit<DueDelivery, 'claimedUntil'>>(`SELECT d.id, d.webhook_id AS "webhookId", d.event, d.payload, d.attempts, w.kind, w.url, w.secret
    FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?`);
  const record = db.prepare(`UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, next_at = ?, last_status = ?, last_error = ?, updated_at = ?
    WHERE id = ? AND state = 'pending' AND next_at = ?`);
  const hookStatus = db.prepare('UPDATE webhooks SET last_status = ?, last_error = ?, last_at = ? WHERE id = ?');
  return {
    /** Every webhook, oldest first. */
    list: (): WebhookRecord[] => (db.prepare(`SELECT ${HOOK} FROM webhooks ORDER BY id`).all() as Record<string, unknown>[]).map(toHook),
    /** Stores a webhook; returns its id. */
    insert(w: NewWebhook, userId: number | null, at: string): number {
      return (db.prepare('INSERT INTO webhooks (name, kind, url, secret, events, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
        .get(w.name, w.kind, w.url, w.secret ?? null, JSON.stringify(w.events), at, userId) as { id: number }).id;
    },
    /** Deletes a webhook and its deliveries; returns its name, or undefined when there was none. */
    delete(id: number): string | undefined {
      const row = db.prepare('SELECT name FROM webhooks WHERE id = ?').get(id) as { name: string } | undefined;
      if (row) db.prepare('DELETE FROM webhooks WHERE id = ?').run(id);
      return row?.name;
    },
    /** Ids of the webhooks subscribed to an event. */
    subscribers: (event: NotificationEvent): number[] => subscribers.all(event).map((r) => r.id),
    /** Queues a delivery (once per webhook and key); returns whether it is new. */
    enqueue(webhookId: number, event: NotificationEvent, caseNumber: string | null, payload: unknown, dedupeKey: string, at: string): boolean {
      return enqueue.run(webhookId, event, caseNumber, JSON.stringify(payload), dedupeKey, at, at, at).changes > 0;
    },
    /**
     * Claims the oldest pending delivery due at `at` until `until` (no other process sees it due before),
     * with what sending it needs; undefined when none is due.
     */
    claimDue(at: string, until: string): DueDelivery | undefined {
      return db.transaction(() => {
        const taken = claim.get({ at, until });
        const row = taken ? claimed.get(taken.id) : undefined;
        return row ? { ...row, claimedUntil: until } : undefined;
      })();
    },
    /** When the next pending delivery is due, if any. */
    nextDue: (): string | undefined => (db.prepare(`SELECT min(next_at) AS at FROM webhook_deliveries WHERE state = 'pending'`).get() as { at: string | null }).at ?? undefined,
    /**
     * Records an attempt on a claimed delivery and its webhook's last status, keeping the newest `keep` finished
     * deliveries of that webhook; false (nothing written) when the claim had ended and another process took the delivery.
     */
    recordAttempt(d: Pick<DueDelivery, 'id' | 'webhookId' | 'claimedUntil'>, o: AttemptOutcome, at: string, keep: number): boolean {
      return db.transaction(() => {
        if (record.run(o.state, o.nextAt, o.status, o.error, at, d.id, d.claimedUntil).changes === 0) return false;
        hookStatus.run(o.status, o.error, at, d.webhookId);
        pruneDeliveries.run(d.webhookId, d.webhookId, keep);
        return true;
      })();
    },
    /** A webhook's newest deliveries, newest first. */
    recent: (webhookId: number, limit: number): WebhookDelivery[] =>
      db.prepare(`SELECT ${DELIVERY} FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?`).all(webhookId, limit) as WebhookDelivery[],
  };
}

/** The webhook repository's interface. */
export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
