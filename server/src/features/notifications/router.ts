import { Router } from 'express';
import { markReadBody, newWebhookBody, notificationQuery, type NotificationList, type WebhookInfo, type WebhookList } from '@shared/notifications';
import { BadRequestError, NotFoundError } from '../../errors';
import { parseBody, parseQuery } from '../../validation';
import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import type { NotificationRepository } from './notification-repository';
import type { WebhookRecord, WebhookRepository } from './webhook-repository';
import { maskedUrl, webhookUrlProblem } from './webhook-url';

/** Deliveries shown per webhook. */
const RECENT = 10;

const secretHint = (secret: string | null) => (secret ? `…${secret.slice(-4)}` : null);

/** What the notifications router needs. */
export interface NotificationsRouterDeps {
  db: Db;
  notifications: NotificationRepository;
  webhooks: WebhookRepository;
  audit: AuditRepository;
  allowedHosts: readonly string[];
}

/**
 * `/api/notifications`: my notifications (`GET /`, newest first, paged, with the unread count),
 * `POST /read` (`{ids}` or `{all: true}`), and the admins' webhooks (`GET|POST /webhooks`,
 * `DELETE /webhooks/{id}`; secrets never answered, URLs with their query values hidden).
 */
export function createNotificationsRouter(deps: NotificationsRouterDeps): Router {
  const { notifications, webhooks, audit, allowedHosts } = deps;
  const router = Router();
  const info = (w: WebhookRecord): WebhookInfo => ({
    id: w.id, name: w.name, kind: w.kind, url: maskedUrl(w.url), secretHint: secretHint(w.secret), events: w.events, createdAt: w.createdAt,
    lastStatus: w.lastStatus, lastError: w.lastError, lastAt: w.lastAt, recent: webhooks.recent(w.id, RECENT),
  });

  router.get('/', (req, res) => {
    const q = parseQuery(notificationQuery, req.query);
    const me = req.user!.id;
    const { rows, total } = notifications.list(me, q.limit, q.offset, q.unread ?? false);
    res.json({ notifications: rows, unread: notifications.unread(me), total, limit: q.limit, offset: q.offset } satisfies NotificationList);
  });
  router.post('/read', (req, res) => {
    const body = parseBody(markReadBody, req.body);
    const me = req.user!.id;
    const changed = notifications.markRead(me, 'all' in body ? 'all' : body.ids, new Date().toISOString());
    res.json({ changed, unread: notifications.unread(me) });
  });
  router.get('/webhooks', (_req, res) => {
    res.json({ webhooks: webhooks.list().map(info), allowedHosts: [...allowedHosts] } satisfies WebhookList);
  });
  router.post('/webhooks', (req, res) => {
    const body = parseBody(newWebhookBody, req.body);
    const problem = webhookUrlProblem(body.url, allowedHosts);
    if (problem) throw new BadRequestError(`url: ${problem}`, [{ field: 'url', message: problem }]);
    const at = new Date().toISOString();
    const user = req.user!;
    const id = deps.db.transaction(() => {
      const made = webhooks.insert(body, user.id, at);
      audit.record({ userId: user.id, username: user.username, action: 'webhook_create', entity: 'webhook', entityId: String(made), summary: { name: body.name, kind: body.kind, host: new URL(body.url).host, events: body.events } }, at);
      return made;
    })();
    res.status(201).json({ webhook: info(webhooks.list().find((w) => w.id === id)!) });
  });
  router.delete('/webhooks/:id', (req, res) => {
    const raw = String(req.params.id);
    const user = req.user!;
    deps.db.transaction(() => {
      const name = /^\d{1,15}$/.test(raw) ? webhooks.delete(Number(raw)) : undefined;
      if (name === undefined) throw new NotFoundError(`webhook ${raw} does not exist`);
      audit.record({ userId: user.id, username: user.username, action: 'webhook_delete', entity: 'webhook', entityId: raw, summary: { name } }, new Date().toISOString());
    })();
    res.status(204).end();
  });
  return router;
}
