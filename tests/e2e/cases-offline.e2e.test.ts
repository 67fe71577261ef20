import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '@shared/cases';
import { browserSkipReason, launchBrowser, openPage, startE2eServer } from './browser';
import { apiAs, fillCaseForm, offlineNoise, placeDevice, signInAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the offline filing browser test: ${skipReason}`);

/** A spot on 中山中路 in 柳翠井巷社区. */
const SPOT = { lon: 120.1652, lat: 30.2455 };

describe.skipIf(skipReason !== undefined)('filing a case without network, on a phone, in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const url = (p: string) => `${running.server.url}${p}`;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser({ width: 390, height: 844 });
    await placeDevice(browser.context, running.server.url, SPOT);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('keeps the case queued while offline and files it exactly once when the network returns', async () => {
    const description = `离线上报测试：路边暴露垃圾 ${Date.now()}`;
    const supervisor = await apiAs(running.server.url, 'supervisor', 301);
    const { page, errors } = await openPage(browser.context);
    await signInAs(page, running.server.url, 'inspector', 302, '/cases/new');

    await expect.poll(() => page.locator('.location-picker__status').textContent(), { timeout: 20_000 }).toContain('±12 米');
    await fillCaseForm(page, { category: 'E01-02', search: '暴露垃圾', description });
    await expect(page.locator('[data-testid="place"] [data-field="community"]').textContent()).resolves.toBe('柳翠井巷社区');
    await expect(page.locator('[data-testid="place"] [data-field="street"]').textContent()).resolves.toBeTruthy();
    await expect(page.locator('.field__counter').textContent()).resolves.toBe(`${description.length} / 4000`);
    await browser.context.setOffline(true);
    await page.locator('.case-new__offline').waitFor();
    await page.getByRole('button', { name: '保存，联网后发送' }).click();
    const queued = page.locator('[data-testid="queued"]');
    await queued.waitFor({ timeout: 10_000 });
    await expect(queued.textContent()).resolves.toBe('待发送');
    await expect(page.locator('[data-testid="queued-link"]').textContent()).resolves.toContain('1 件待发送');

    const before = await supervisor.get<{ cases: CaseSummary[]; total: number }>(`/api/cases?q=${encodeURIComponent(description)}`);
    expect(before.total, 'nothing reached the server while offline').toBe(0);

    await browser.context.setOffline(false);
    await page.locator('.filed-result[data-state="sent"]').waitFor({ timeout: 30_000 });
    const number = await page.locator('[data-testid="filed-number"]').textContent();
    expect(number).toMatch(/^QB2011-\d{6}$|^QB\d{4}-\d{6}$/);

    await page.goto(url('/cases?tab=mine'));
    const mine = page.locator('.outbox-list__item');
    await mine.first().waitFor();
    await expect(mine.first().getAttribute('data-state')).resolves.toBe('sent');
    await expect(mine.first().locator('.outbox-list__number').textContent()).resolves.toBe(number);

    const after = await supervisor.get<{ cases: CaseSummary[]; total: number }>(`/api/cases?q=${encodeURIComponent(description)}`);
    expect(after.total, 'filed exactly once').toBe(1);
    expect(after.cases[0]).toMatchObject({ number, state: 'reported', category: { code: 'E01-02' }, community: { name: '柳翠井巷社区' } });
    expect(Math.abs(after.cases[0]!.lon - SPOT.lon)).toBeLessThan(1e-6);

    expect(errors.filter((e) => !offlineNoise(e))).toEqual([]);
    await page.close();
  }, 120_000);
});
