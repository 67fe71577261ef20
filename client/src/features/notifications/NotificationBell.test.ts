import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../../i18n';
import type { NotificationItem } from './api';
import NotificationBell from './NotificationBell.vue';
import { createLiveHub, type EventSourceLike } from '../../live';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const item = (id: number, number: string, read = false): NotificationItem => ({
  id, event: 'case.dispatched', caseId: id * 10, caseNumber: number, data: { category: { zh: '道路不洁', en: 'Dirty road surface' } }, createdAt: '2026-12-07T08:00:00.000Z', read,
});

/** A fake server with two notifications (one unread), recording every request. */
function fakeServer() {
  const calls: string[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}${init?.body ? ` ${String(init.body)}` : ''}`);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    if (init?.method === 'POST') return json({ changed: 1, unread: 0 });
    return json({ notifications: [item(2, 'QB2026-000002'), item(1, 'QB2026-000001', true)], unread: 1, total: 2, limit: 20, offset: 0 });
  };
  return { fetch, calls };
}

/** A fake event stream the test pushes `notification` events into, behind a live hub. */
function fakeStream() {
  const listeners = new Map<string, (e: MessageEvent) => void>();
  const source: EventSourceLike = { readyState: 1, onopen: null, onerror: null, addEventListener: (type, l) => listeners.set(type, l), close: () => undefined };
  const hub = createLiveHub({ connect: () => source, delay: () => 1000, checkSession: async () => true });
  /** The browser reconnecting by itself after a dropped connection. */
  const drop = async () => {
    source.onerror!(new Event('error'));
    await flushPromises();
    source.onopen!(new Event('open'));
    await flushPromises();
  };
  return { hub, drop, push: (data: unknown) => listeners.get('notification')!({ data: JSON.stringify(data), lastEventId: '7' } as MessageEvent) };
}

async function mountBell() {
  const server = fakeServer();
  const stream = fakeStream();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<p />' } }, { path: '/cases/:id', component: { template: '<p />' } }] });
  await router.push('/');
  const bell = mount(NotificationBell, {
    props: { fetch: server.fetch, hub: stream.hub },
    global: { plugins: [createPinia(), router, createAppI18n({ storage: memoryStorage() })] },
    attachTo: document.body,
  });
  await flushPromises();
  return { bell, server, stream, router };
}

describe('NotificationBell', () => {
  it('shows the unread count, counts live notifications and lists them with links to their cases', async () => {
    const { bell, server, stream, router } = await mountBell();
    expect(bell.get('[data-testid="notification-count"]').text()).toBe('1');
    expect(bell.get('button').attributes('aria-label')).toBe('通知：1 条未读');

    stream.push({ notification: item(3, 'QB2026-000003'), unread: 2 });
    await flushPromises();
    expect(bell.get('[data-testid="notification-count"]').text()).toBe('2');

    await bell.get('[data-testid="notification-bell"]').trigger('click');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(bell.find('.notification-panel__list').exists()).toBe(true);
    }, { timeout: 10_000 });
    const texts = bell.findAll('.notification-panel__text').map((t) => t.text());
    expect(texts).toEqual(['QB2026-000003 已派遣到本部门', 'QB2026-000002 已派遣到本部门', 'QB2026-000001 已派遣到本部门']);
    expect(bell.findAll('.notification-panel__item--unread')).toHaveLength(2);

    await bell.findAll('.notification-panel__link')[1]!.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/cases/20');
    expect(server.calls).toContain('POST /api/notifications/read {"ids":[2]}');
    bell.unmount();
  });

  it('marks all read', async () => {
    const { bell, server } = await mountBell();
    await bell.get('[data-testid="notification-bell"]').trigger('click');
    await vi.waitFor(async () => {
      await flushPromises();
      expect(bell.find('.notification-panel__list').exists()).toBe(true);
    }, { timeout: 10_000 });
    await bell.get('.notification-panel__all').trigger('click');
    await flushPromises();
    expect(server.calls).toContain('POST /api/notifications/read {"all":true}');
    expect(bell.find('[data-testid="notification-count"]').exists()).toBe(false);
    expect(bell.findAll('.notification-panel__item--unread')).toHaveLength(0);
    bell.unmount();
  });

  it('reads the list again each time the stream (re)connects, so nothing made before it was open is missed', async () => {
    const { bell, server, stream } = await mountBell();
    const reads = () => server.calls.filter((c) => c.startsWith('GET /api/notifications')).length;
    expect(reads()).toBe(1);
    await stream.drop();
    expect(reads()).toBe(2);
    await stream.drop();
    expect(reads()).toBe(3);
    bell.unmount();
  });
});
