import { z } from 'zod';
import { plainText } from './text';

/** Case events that notify people and webhooks. */
export const NOTIFICATION_EVENTS = ['case.dispatched', 'case.feedback', 'case.returned', 'case.deadline_near', 'case.overdue'] as const;
/** A notification event. */
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Kinds of outbound webhook: the group robots of WeCom, DingTalk and Feishu, or signed JSON (`generic`). */
export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'feishu', 'generic'] as const;
/** A webhook kind. */
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** How many notifications a user keeps (the oldest go first). */
export const NOTIFICATIONS_KEPT = 200;

/** One in-app notification. */
export interface NotificationItem {
  id: number;
  event: NotificationEvent;
  caseId: number;
  caseNumber: string;
  /** Public facts for the text: the category's names, the department, the deadline. */
  data: NotificationData;
  createdAt: string;
  read: boolean;
}

/** Public facts a notification carries. */
export interface NotificationData {
  category?: { zh: string; en: string };
  department?: string | null;
  deadline?: string | null;
}

/** `GET /api/notifications`: a page of mine, newest first, and how many are unread. */
export interface NotificationList {
  notifications: NotificationItem[];
  unread: number;
  total: number;
  limit: number;
  offset: number;
}

/** The live event `notification` (sent only to its recipient's streams). */
export interface NotificationLiveEvent {
  notification: NotificationItem;
  unread: number;
}

/** Query of `GET /api/notifications`. */
export const notificationQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(NOTIFICATIONS_KEPT).default(0),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

/** Body of `POST /api/notifications/read`: some of mine by id, or all of them. */
export const markReadBody = z.union([
  z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(NOTIFICATIONS_KEPT) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** Body of `POST /api/notifications/webhooks`. */
export const newWebhookBody = z.strictObject({
  name: plainText(1, 64),
  kind: z.enum(WEBHOOK_KINDS),
  url: z.string().trim().min(1).max(1000),
  secret: z.string().min(1).max(200).optional(),
  events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1).max(NOTIFICATION_EVENTS.length).transform((e) => [...new Set(e)]),
});
/** A new webhook. */
export type NewWebhook = z.infer<typeof newWebhookBody>;

/** The state of one queued delivery. */
export type DeliveryState = 'pending' | 'sent' | 'failed';

/** One delivery attempt record, as admins see it. */
export interface WebhookDelivery {
  id: number;
  event: NotificationEvent;
  caseNumber: string | null;
  state: DeliveryState;
  attempts: number;
  nextAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A webhook as admins see it: never its secret or full URL query (hints only). */
export interface WebhookInfo {
  id: number;
  name: string;
  kind: WebhookKind;
  /** The URL with its query values hidden (robot keys and tokens live there). */
  url: string;
  /** The secret's last characters (`…ab12`), or null when none. */
  secretHint: string | null;
  events: NotificationEvent[];
  createdAt: string;
  lastStatus: number | null;
  lastError: string | null;
  lastAt: string | null;
  recent: WebhookDelivery[];
}

/** `GET /api/notifications/webhooks`. */
export interface WebhookList {
  webhooks: WebhookInfo[];
  /** The hosts deliveries may go to (`WEBHOOK_HOSTS`). */
  allowedHosts: string[];
}
