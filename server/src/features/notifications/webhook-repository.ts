import type { DeliveryState, NewWebhook, NotificationEvent, WebhookDelivery, WebhookKind } from '@shared/notifications';
import type { Db } from '../../db/database';

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
}

/** The outcome of one attempt to store. */
export interface AttemptOutcome {
  state: DeliveryState;
  status: number | null;
  error: string | null;
  nextAt: string | null;
}

const HOOK = `id, name, kind, url, secret, events, created_at AS createdAt, last_status AS lastStatus, last_error AS lastError, last_at AS lastAt`;
const DELIVERY = `id, event, case_number AS caseNumber, state, attempts, next_at AS nextAt, last_status AS lastStatus, last_error AS lastError,
  created_at AS createdAt, updated_at AS updatedAt`;
const toHook = (r: Record<string, unknown>): WebhookRecord => ({ ...(r as unknown as WebhookRecord), events: JSON.parse(r.events as string) as NotificationEvent[] });

/** SQL of the webhooks and their queued deliveries. */
export function createWebhookRepository(db: Db) {
  const enqueue = db.prepare(`INSERT OR IGNORE INTO webhook_deliveries (webhook_id, event, case_number, payload, dedupe_key, next_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const pruneDeliveries = db.prepare(`DELETE FROM webhook_deliveries WHERE webhook_id = ? AND state <> 'pending' AND id <= (
    SELECT id FROM webhook_deliveries WHERE webhook_id = ? AND state <> 'pending' ORDER BY id DESC LIMIT 1 OFFSET ?)`);
  return {
    /** Every webhook, oldest first. */
    list: (): WebhookRecord[] => (db.prepare(`SELECT ${HOOK} FROM webhooks ORDER BY id`).all() as Record<string, unknown>[]).map(toHook),
    /** Stores a webhook; returns its id. */
    insert(w: NewWebhook, userId: number | null, at: string): number {
      return Number(db.prepare('INSERT INTO webhooks (name, kind, url, secret, events, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(w.name, w.kind, w.url, w.secret ?? null, JSON.stringify(w.events), at, userId).lastInsertRowid);
    },
    /** Deletes a webhook and its deliveries; returns its name, or undefined when there was none. */
    delete(id: number): string | undefined {
      const row = db.prepare('SELECT name FROM webhooks WHERE id = ?').get(id) as { name: string } | undefined;
      if (row) db.prepare('DELETE FROM webhooks WHERE id = ?').run(id);
      return row?.name;
    },
    /** Ids of the webhooks subscribed to an event. */
    subscribers: (event: NotificationEvent): number[] =>
      (db.prepare('SELECT id FROM webhooks WHERE EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE value = ?) ORDER BY id').all(event) as { id: number }[]).map((r) => r.id),
    /** Queues a delivery (once per webhook and key); returns whether it is new. */
    enqueue(webhookId: number, event: NotificationEvent, caseNumber: string | null, payload: unknown, dedupeKey: string, at: string): boolean {
      return enqueue.run(webhookId, event, caseNumber, JSON.stringify(payload), dedupeKey, at, at, at).changes > 0;
    },
    /** Pending deliveries due at an instant, oldest first, at most `limit`. */
    due: (at: string, limit: number): DueDelivery[] => db.prepare(`SELECT d.id, d.webhook_id AS webhookId, d.event, d.payload, d.attempts, w.kind, w.url, w.secret
      FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.state = 'pending' AND d.next_at <= ? ORDER BY d.next_at, d.id LIMIT ?`).all(at, limit) as DueDelivery[],
    /** When the next pending delivery is due, if any. */
    nextDue: (): string | undefined => (db.prepare(`SELECT min(next_at) AS at FROM webhook_deliveries WHERE state = 'pending'`).get() as { at: string | null }).at ?? undefined,
    /** Records an attempt on a delivery and its webhook's last status, keeping the newest `keep` finished deliveries of that webhook. */
    recordAttempt(d: Pick<DueDelivery, 'id' | 'webhookId'>, o: AttemptOutcome, at: string, keep: number): void {
      db.transaction(() => {
        db.prepare(`UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, next_at = ?, last_status = ?, last_error = ?, updated_at = ? WHERE id = ?`)
          .run(o.state, o.nextAt, o.status, o.error, at, d.id);
        db.prepare('UPDATE webhooks SET last_status = ?, last_error = ?, last_at = ? WHERE id = ?').run(o.status, o.error, at, d.webhookId);
        pruneDeliveries.run(d.webhookId, d.webhookId, keep);
      })();
    },
    /** A webhook's newest deliveries, newest first. */
    recent: (webhookId: number, limit: number): WebhookDelivery[] =>
      db.prepare(`SELECT ${DELIVERY} FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?`).all(webhookId, limit) as WebhookDelivery[],
  };
}

/** The webhook repository's interface. */
export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
