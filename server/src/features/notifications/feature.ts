import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import type { Calendar } from '../calendar';
import type { CategoryRepository } from '../cases';
import type { EventBus } from '../events';
import { createDeliveryWorker } from './delivery-worker';
import { createNotificationRepository } from './notification-repository';
import { createNotificationService, type CaseSource } from './notification-service';
import { createNotificationsRouter } from './router';
import { createSender, type Sender } from './webhook-sender';
import { createWebhookRepository } from './webhook-repository';

/** Limits of one webhook attempt. */
export const WEBHOOK_SEND_LIMITS = { timeoutMs: 10_000, maxResponseBytes: 64 * 1024 } as const;

/** What the notifications feature needs. */
export interface NotificationsFeatureDeps {
  db: Db;
  bus: EventBus;
  cases: CaseSource;
  categories: Pick<CategoryRepository, 'get'>;
  calendar: Calendar;
  audit: AuditRepository;
  log: Logger;
  /** `WEBHOOK_HOSTS`. */
  allowedHosts: readonly string[];
  publicBaseUrl?: string;
  /** Sends one webhook request (node:http(s) with `WEBHOOK_SEND_LIMITS` by default). */
  send?: Sender;
}

/**
 * Wires notifications: the `/api/notifications` router, the hooks the app calls after a case change
 * and after a clock refresh, and the webhook delivery worker (`flush` to send what is due, `close` to stop its timer).
 */
export function createNotificationsFeature(deps: NotificationsFeatureDeps) {
  const notifications = createNotificationRepository(deps.db);
  const webhooks = createWebhookRepository(deps.db);
  const worker = createDeliveryWorker({ webhooks, send: deps.send ?? createSender(WEBHOOK_SEND_LIMITS), allowedHosts: deps.allowedHosts, log: deps.log });
  const service = createNotificationService({ ...deps, notifications, webhooks, worker });
  worker.kick();
  return {
    router: createNotificationsRouter({ db: deps.db, notifications, webhooks, audit: deps.audit, allowedHosts: deps.allowedHosts }),
    caseChanged: service.caseChanged,
    scanClocks: service.scanClocks,
    worker: { flush: worker.flush, close: worker.close },
  };
}

/** The notifications feature (what `createNotificationsFeature` returns). */
export type NotificationsFeature = ReturnType<typeof createNotificationsFeature>;
