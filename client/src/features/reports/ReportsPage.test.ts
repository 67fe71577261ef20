import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { CaseReport } from '@shared/reports';
import { createAppI18n } from '../../i18n';
import ReportsPage from './ReportsPage.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const figures = { dueToClose: 3, closedOnTime: 1, postponedOpen: 1, postponed: 1, verified: 2, reworked: 1, closureRate: 1, onTimeClosureRate: 0.5, reworkRate: 0.5, postponementRate: 0.3333, avgHandlingHours: 2.25 };
const report = (rows: CaseReport['rows']): CaseReport => ({
  groupBy: 'department', from: null, to: null, fromDate: '2011-03-01', toDate: '2011-04-30', rows, total: { ...figures, registered: 3, closed: 2 },
});
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function mountAt(url: string, answer: () => Response) {
  const calls: string[] = [];
  const fetch = async (u: string) => {
    calls.push(u);
    return answer();
  };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/reports', component: ReportsPage }, { path: '/reports/appraisal', component: { template: '<p />' } }] });
  await router.push(url);
  const page = mount(ReportsPage, {
    props: { fetch },
    global: { plugins: [createPinia(), router, createAppI18n({ storage: memoryStorage() })], stubs: { ReportChart: true } },
  });
  await flushPromises();
  return { page, calls, router };
}

describe('ReportsPage', () => {
  it('asks for the period and grouping of the address, and shows the table with downloads', async () => {
    const { page, calls } = await mountAt('/reports?groupBy=department&from=2011-03-01&to=2011-04-30', () => json(200, report([
      { key: 'sanitation', label: { zh: '环卫所', en: 'Sanitation' }, ...figures, registered: 3, closed: 2 },
    ])));
    expect(calls).toEqual(['/api/reports/cases?groupBy=department&from=2011-03-01&to=2011-04-30']);
    expect(page.find('tbody tr').text()).toContain('环卫所');
    expect(page.find('tbody tr').text()).toContain('50.0%');
    expect(page.find('.report-table__total').text()).toContain('合计');
    expect(page.get('a[data-format="xlsx"]').attributes('href')).toBe('/api/reports/cases?groupBy=department&from=2011-03-01&to=2011-04-30&format=xlsx&lang=zh-CN');
    expect(page.get('a[data-format="csv"]').attributes('href')).toContain('format=csv');
  });

  it('says when the period holds no case, and offers no download', async () => {
    const { page } = await mountAt('/reports?groupBy=month&from=2030-01-01&to=2030-12-31', () => json(200, report([])));
    expect(page.text()).toContain('所选期间没有立案的案件。');
    expect(page.find('table').exists()).toBe(false);
    expect(page.get('button[data-format="xlsx"]').attributes('disabled')).toBeDefined();
  });

  it('refuses a period of more than ten years without asking the server, and shows a server error with a retry', async () => {
    const refused = await mountAt('/reports?from=2011-01-01&to=2030-12-31', () => json(200, report([])));
    expect(refused.calls).toEqual([]);
    expect(refused.page.get('[role="alert"]').text()).toContain('跨度不超过 10 年');
    expect(refused.page.find('[role="alert"] button').exists()).toBe(false);

    const failing = await mountAt('/reports?from=2011-01-01&to=2011-12-31', () => json(500, { error: { code: 'internal', message: 'boom' } }));
    expect(failing.page.get('[role="alert"]').text()).toContain('无法生成报表');
    expect(failing.page.find('[role="alert"] button').exists()).toBe(true);
  });

  it('puts a new choice into the address', async () => {
    const { page, router } = await mountAt('/reports?groupBy=department&from=2011-03-01&to=2011-04-30', () => json(200, report([])));
    await page.get('select[name="groupBy"]').setValue('category');
    await page.get('input[name="from"]').setValue('2011-01-01');
    await page.get('form').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ groupBy: 'category', from: '2011-01-01', to: '2011-04-30' });
  });
});
