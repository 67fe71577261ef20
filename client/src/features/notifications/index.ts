import { defineAsyncComponent } from 'vue';

export { createWebhook, deleteWebhook, fetchNotifications, fetchWebhooks, markNotificationsRead } from './api';
export { useNotificationsStore } from './store';

/**
 * The header's notification bell (the unread count and the list; props `fetch` and `hub` for tests): a chunk of its
 * own, fetched when first shown (the app shows it once the first page is up).
 */
export const NotificationBell = defineAsyncComponent(() => import('./NotificationBell.vue'));

/** The notifications feature's pages, loaded when their route is first visited. */
export const notificationsPages = {
  /** `/admin/webhooks`: outbound webhooks and their last status (admins). */
  webhooks: () => import('./WebhooksPage.vue'),
};
