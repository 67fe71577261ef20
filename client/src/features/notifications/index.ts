export { createWebhook, deleteWebhook, fetchNotifications, fetchWebhooks, markNotificationsRead } from './api';
export { default as NotificationBell } from './NotificationBell.vue';
export { useNotificationsStore } from './store';

/** The notifications feature's pages, loaded when their route is first visited. */
export const notificationsPages = {
  /** `/admin/webhooks`: outbound webhooks and their last status (admins). */
  webhooks: () => import('./WebhooksPage.vue'),
};
