import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n, loadMessageAreas, setAppLocale } from '../../i18n';
import type { AuditEntry } from './api';
import AuditPage from './AuditPage.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const entry = (id: number, action: string): AuditEntry => ({
  id, at: '2026-03-01T08:00:00.000Z', userId: null, username: 'mallory', action, entity: 'session', entityId: null, summary: { ip: '10.0.0.9' },
});

/** A fake `/api` answering the audit log and an empty layer catalogue, recording the audit URLs asked for. */
function fakeApi() {
  const urls: string[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal('fetch', async (url: string) => {
    if (!String(url).startsWith('/api/audit')) return json({ layers: [] });
    urls.push(String(url));
    return json({ entries: [entry(2, 'login_failed'), entry(1, 'token_create')], total: 2 });
  });
  return urls;
}

async function mountAt(path: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/admin/audit', component: AuditPage }] });
  await router.push(path);
  const i18n = createAppI18n({ storage: memoryStorage() });
  // as the route's `meta.messages` has it loaded in the app
  await loadMessageAreas(i18n.global, ['audit']);
  if (locale === 'en') await setAppLocale(i18n.global, 'en');
  const page = mount(AuditPage, { global: { plugins: [router, i18n] } });
  await flushPromises();
  return { page, router };
}

afterEach(() => vi.unstubAllGlobals());

describe('AuditPage filters', () => {
  it('loads the filters the URL keeps, shows action codes translated, and puts new filters into the URL', async () => {
    const urls = fakeApi();
    const { page, router } = await mountAt('/admin/audit?user=mallory&action=login_failed');
    expect(urls.at(-1)).toBe('/api/audit?limit=25&offset=0&user=mallory&action=login_failed');
    expect(page.find('input[name="user"]').element).toHaveProperty('value', 'mallory');
    expect(page.find('select[name="action"]').element).toHaveProperty('value', 'login_failed');
    expect(page.findAll('tbody tr').map((r) => r.findAll('td')[2]!.text())).toEqual(['登录失败', '创建访问令牌']);

    await page.find('input[name="from"]').setValue('2026-03-01');
    await page.find('input[name="to"]').setValue('2026-03-02');
    await page.find('form').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ user: 'mallory', action: 'login_failed', from: '2026-03-01', to: '2026-03-02' });
    expect(urls.at(-1)).toBe('/api/audit?limit=25&offset=0&user=mallory&action=login_failed&from=2026-03-01&to=2026-03-02');
  });

  it('refuses a reversed range in the form, clears the filters, and speaks English', async () => {
    const urls = fakeApi();
    const { page, router } = await mountAt('/admin/audit?action=login_failed', 'en');
    expect(page.findAll('tbody tr').map((r) => r.findAll('td')[2]!.text())).toEqual(['Failed sign-in', 'Created an access token']);
    await page.find('input[name="from"]').setValue('2026-03-02');
    await page.find('input[name="to"]').setValue('2026-03-01');
    expect(page.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    expect(page.find('[role="alert"]').text()).toBe('The first day must not be after the last.');

    const buttons = page.findAll('form button');
    await buttons[1]!.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
    expect(urls.at(-1)).toBe('/api/audit?limit=25&offset=0');
  });
});
