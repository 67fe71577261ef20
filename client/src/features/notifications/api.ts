import type { NewWebhook, NotificationList, WebhookInfo, WebhookList } from '@shared/notifications';
import { getJson, requestJson, type FetchLike } from '../../api/http';

export type { NewWebhook, NotificationItem, NotificationList, NotificationLiveEvent, WebhookInfo, WebhookList } from '@shared/notifications';

/** `GET /api/notifications`: a page of mine, newest first, with the unread count. */
export function fetchNotifications(fetch: FetchLike, page: { limit?: number; offset?: number } = {}, signal?: AbortSignal): Promise<NotificationList> {
  const query = new URLSearchParams({ limit: String(page.limit ?? 20), offset: String(page.offset ?? 0) });
  return getJson<NotificationList>(`/api/notifications?${query}`, { fetch, signal, cache: 'no-store' });
}

/** `POST /api/notifications/read`: marks some of mine (or all) read; answers the unread count left. */
export function markNotificationsRead(fetch: FetchLike, which: { ids: number[] } | { all: true }): Promise<{ changed: number; unread: number }> {
  return requestJson('/api/notifications/read', { fetch, method: 'POST', body: which, cache: 'no-store' });
}

/** `GET /api/notifications/webhooks` (admins). */
export function fetchWebhooks(fetch: FetchLike, signal?: AbortSignal): Promise<WebhookList> {
  return getJson<WebhookList>('/api/notifications/webhooks', { fetch, signal, cache: 'no-store' });
}

/** `POST /api/notifications/webhooks` (admins). */
export function createWebhook(fetch: FetchLike, body: NewWebhook): Promise<{ webhook: WebhookInfo }> {
  return requestJson('/api/notifications/webhooks', { fetch, method: 'POST', body, cache: 'no-store' });
}

/** `DELETE /api/notifications/webhooks/{id}` (admins). */
export async function deleteWebhook(fetch: FetchLike, id: number): Promise<void> {
  await requestJson<undefined>(`/api/notifications/webhooks/${id}`, { fetch, method: 'DELETE' });
}
