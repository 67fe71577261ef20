import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../../i18n';
import CalendarPage from './CalendarPage.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake calendar API with 2026 holding New Year only; records each PUT body. */
function fakeServer() {
  const puts: unknown[] = [];
  const year2026 = {
    year: 2026, holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, from: '2026-01-01', to: '2026-01-03' }], workdays: [],
    weekend: [0, 6], workingHours: [{ start: '08:30', end: '12:00' }], edited: false, updatedAt: null,
  };
  const fetch = async (url: string, init?: RequestInit) => {
    if (url === '/api/calendar') return json(200, { currentYear: 2026, years: [2026], missing: [2027] });
    if (init?.method === 'PUT') {
      const body = JSON.parse(String(init.body));
      puts.push(body);
      const name = (n: { zh: string; en?: string }) => ({ zh: n.zh, en: n.en ?? n.zh });
      return json(200, { ...year2026, holidays: body.holidays.map((h: { name: { zh: string }; from: string; to: string }) => ({ ...h, name: name(h.name) })), workdays: [], edited: true });
    }
    return json(200, year2026);
  };
  return { fetch, puts };
}

async function mountPage(server: ReturnType<typeof fakeServer>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/admin/calendar', component: { template: '<div />' } }] });
  await router.push('/admin/calendar?year=2026');
  const page = mount(CalendarPage, { props: { fetch: server.fetch }, global: { plugins: [router, createAppI18n({ storage: memoryStorage() })] }, attachTo: document.body });
  await flushPromises();
  return page;
}

describe('CalendarPage', () => {
  it('shows a year, refuses a period ending before it starts without asking the server, and saves a good one', async () => {
    const server = fakeServer();
    const page = await mountPage(server);
    expect(page.findAll('[data-testid="calendar-holidays"] [data-row]')).toHaveLength(1);
    expect(page.text()).toContain('共3天');
    await page.get('[data-testid="add-holiday"]').trigger('click');
    const row = page.get('[data-testid="calendar-holidays"] [data-row="1"]');
    await row.get('[data-field="zh"]').setValue('国庆节');
    await row.get('[data-field="from"]').setValue('2026-10-07');
    await row.get('[data-field="to"]').setValue('2026-10-01');
    await page.get('form').trigger('submit');
    await flushPromises();
    expect(server.puts).toEqual([]);
    expect(page.get('[data-testid="calendar-outcome"]').text()).toContain('放假安排第2行：结束日期不能早于开始日期');
    expect(row.get('[data-field="to"]').attributes('aria-invalid')).toBe('true');

    await row.get('[data-field="from"]').setValue('2026-10-01');
    await row.get('[data-field="to"]').setValue('2026-10-07');
    await page.get('form').trigger('submit');
    await flushPromises();
    expect(server.puts).toEqual([{
      holidays: [
        { name: { zh: '元旦', en: "New Year's Day" }, from: '2026-01-01', to: '2026-01-03' },
        { name: { zh: '国庆节' }, from: '2026-10-01', to: '2026-10-07' },
      ],
      workdays: [],
    }]);
    expect(page.get('[data-testid="calendar-outcome"]').text()).toContain('已保存');
    expect(page.get('[data-testid="calendar-origin"]').text()).toBe('该年已由管理员编辑');
    page.unmount();
  });
});
