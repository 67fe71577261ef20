import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { CALENDAR_SAVED_EVENT } from './api';
import CalendarWarning from './CalendarWarning.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

/** A fake `GET /api/calendar` answering the missing years it is given, one answer per call. */
function fakeStatus(...answers: number[][]) {
  let call = 0;
  return async () => {
    const missing = answers[Math.min(call++, answers.length - 1)]!;
    return new Response(JSON.stringify({ currentYear: 2026, years: [2025, 2026], missing }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
}

const mountWarning = (fetch: ReturnType<typeof fakeStatus>) => mount(CalendarWarning, {
  props: { fetch }, global: { plugins: [createAppI18n({ storage: memoryStorage() })], stubs: { RouterLink: RouterLinkStub } },
});

describe('CalendarWarning', () => {
  it('names the years without a calendar and links to the first of them; checks again after a save', async () => {
    const warning = mountWarning(fakeStatus([2027], []));
    await flushPromises();
    expect(warning.text()).toContain('2027年尚无工作日历');
    expect(warning.findComponent(RouterLinkStub).props('to')).toEqual({ path: '/admin/calendar', query: { year: '2027' } });
    window.dispatchEvent(new Event(CALENDAR_SAVED_EVENT));
    await flushPromises();
    expect(warning.find('[data-testid="calendar-warning"]').exists()).toBe(false);
    warning.unmount();
  });

  it('says nothing when every year it checks has a calendar', async () => {
    const warning = mountWarning(fakeStatus([]));
    await flushPromises();
    expect(warning.find('[data-testid="calendar-warning"]').exists()).toBe(false);
    warning.unmount();
  });
});
