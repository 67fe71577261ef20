import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { browserFetch, type FetchLike } from '../../api/http';
import { fetchNotifications, markNotificationsRead, type NotificationItem, type NotificationLiveEvent } from './api';

/** Notifications shown per page of the bell's list. */
export const PAGE = 20;

/**
 * The signed-in user's notifications for the bell: the unread count, the newest items (more on
 * demand), read marks, and live ones pushed by the event stream.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = shallowRef<NotificationItem[]>([]);
  const unread = ref(0);
  const total = ref(0);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  let fetcher: FetchLike = browserFetch;

  /** Sets the fetch used (tests pass a fake). */
  function use(fetch: FetchLike): void {
    fetcher = fetch;
  }

  /** Loads the newest page again. */
  async function load(): Promise<void> {
    status.value = 'loading';
    try {
      const page = await fetchNotifications(fetcher, { limit: PAGE });
      items.value = page.notifications;
      unread.value = page.unread;
      total.value = page.total;
      status.value = 'ready';
    } catch (e) {
      status.value = 'error';
      throw e;
    }
  }

  /** Appends the next page. */
  async function more(): Promise<void> {
    const page = await fetchNotifications(fetcher, { limit: PAGE, offset: items.value.length });
    const known = new Set(items.value.map((n) => n.id));
    items.value = [...items.value, ...page.notifications.filter((n) => !known.has(n.id))];
    unread.value = page.unread;
    total.value = page.total;
  }

  /** Marks some read (or all, with no ids). */
  async function markRead(ids?: number[]): Promise<void> {
    const answer = await markNotificationsRead(fetcher, ids ? { ids } : { all: true });
    const marked = ids ? new Set(ids) : undefined;
    items.value = items.value.map((n) => (!marked || marked.has(n.id) ? { ...n, read: true } : n));
    unread.value = answer.unread;
  }

  /** A notification pushed live. */
  function receive(live: NotificationLiveEvent): void {
    if (items.value.some((n) => n.id === live.notification.id)) return;
    items.value = [live.notification, ...items.value];
    unread.value = live.unread;
    total.value += 1;
  }

  /** Forgets everything (sign-out). */
  function reset(): void {
    items.value = [];
    unread.value = 0;
    total.value = 0;
    status.value = 'idle';
  }

  return { items, unread, total, status, use, load, more, markRead, receive, reset };
});
