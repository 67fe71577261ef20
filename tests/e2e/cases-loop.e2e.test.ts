import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseState } from '@shared/cases';
import { browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, startE2eServer } from './browser';
import { apiAs, fillCaseForm, jpegFile, placeDevice, signInAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the case loop browser test: ${skipReason}`);

/** A spot on 劳动路 (Laodong Road community). */
const SPOT = { lon: 120.1668, lat: 30.2436 };
const PHONE = { width: 390, height: 844 };

/** Opens a case from the current queue tab and waits for its page. */
async function openCase(page: Page, number: string): Promise<void> {
  const row = page.locator(`.case-table tr[data-case="${number}"]`);
  await row.waitFor({ timeout: 15_000 });
  await row.locator('.case-table__number a').click();
  await page.locator('[data-testid="case-number"]', { hasText: number }).waitFor();
}

/** Takes an action through its form on the case page and waits for the case to reach `state`. */
async function act(page: Page, action: string, state: CaseState, fill?: (form: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
  await page.locator(`.case-actions__buttons button[data-action="${action}"]`).click();
  const form = page.locator(`form.action-form[data-action="${action}"]`);
  await form.waitFor();
  await fill?.(form);
  await form.locator('button[type="submit"]').click();
  await page.locator(`.case-page__header .state-badge[data-state="${state}"]`).waitFor({ timeout: 15_000 });
}

describe.skipIf(skipReason !== undefined)('a case runs the closed loop through the UI of each role in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let client = 400;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser();
    await placeDevice(browser.context, running.server.url, SPOT);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('inspector files with a photo, supervisor registers, dispatcher dispatches, the handler accepts and feeds back, the inspector closes', async () => {
    const description = `闭环测试：污水井盖破损 ${Date.now()}`;
    const inspectorApi = await apiAs(running.server.url, 'inspector', client++);
    const supervisorApi = await apiAs(running.server.url, 'supervisor', client++);
    const fileExtra = async (n: number) => {
      const made = (await (await inspectorApi.post('/api/cases', {
        category: 'E04-03', lon: 120.1650 + n * 0.001, lat: 30.2470, description: `批量派遣测试 ${n}`, idempotencyKey: crypto.randomUUID(),
      })).json()) as { case: CaseDetail };
      expect((await supervisorApi.post(`/api/cases/${made.case.id}/actions/register`, {})).status).toBe(200);
      return made.case.number;
    };
    const extras = [await fileExtra(1), await fileExtra(2)];

    // Inspector, on a phone: the device location, a category by search, a description and a photo.
    let { page, errors } = await openPage(browser.context);
    await page.setViewportSize(PHONE);
    await signInAs(page, running.server.url, 'inspector', client++, '/cases/new');
    await fillCaseForm(page, { category: 'C01-02', search: '污水', description, photos: [await jpegFile('before.jpg')] });
    await page.locator('.photo-strip__img').waitFor();
    await page.locator('.case-new').evaluate((el) => el.scrollTo(0, 0));
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'case-new-phone.png') });
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await page.locator('.filed-result[data-state="sent"]').waitFor({ timeout: 20_000 });
    const number = (await page.locator('[data-testid="filed-number"]').textContent())!;
    await page.locator('[data-testid="filed-number"]').click();
    await page.locator('.case-photos__group[data-kind="before"] img').waitFor();
    await expect.poll(() => page.locator('.case-photos__thumb').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();

    // Supervisor: the "to register" queue, then register.
    ({ page, errors } = await openPage(browser.context));
    await signInAs(page, running.server.url, 'supervisor', client++);
    await expect(page.locator('.cases-tabs__tab[aria-current="page"]').getAttribute('data-tab')).resolves.toBe('to-register');
    await openCase(page, number);
    await act(page, 'register', 'registered');
    expect(errors).toEqual([]);
    await page.close();

    // Dispatcher: live counts, bulk dispatch of the other cases, then this one to its category's department.
    ({ page, errors } = await openPage(browser.context));
    await signInAs(page, running.server.url, 'dispatcher', client++);
    await page.locator('.live-status[data-status="live"]').waitFor({ timeout: 15_000 });
    const count = page.locator('.cases-tabs__tab[data-tab="to-dispatch"] [data-testid="tab-count"]');
    await expect.poll(() => count.textContent()).toBe('3');
    extras.push(await fileExtra(3));
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe('4');
    await page.locator(`.case-table tr[data-case="${extras[2]}"]`).waitFor();
    for (const extra of extras) await page.locator(`.case-table tr[data-case="${extra}"] input[type="checkbox"]`).check();
    await expect(page.locator('.bulk-dispatch select').inputValue()).resolves.toBe('enforcement');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'cases-queue.png') });
    await page.locator('.bulk-dispatch button[type="submit"]').click();
    await expect.poll(() => page.locator('.cases-page__message--ok').textContent()).toBe('已派遣 3 件。');
    await expect.poll(() => count.textContent()).toBe('1');
    await openCase(page, number);
    await act(page, 'dispatch', 'dispatched', async (form) => {
      await expect(form.locator('select[name="department"]').inputValue()).resolves.toBe('municipal');
    });
    await page.locator('[data-field="clock"] .clock-badge[data-colour="green"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();

    // The municipal works handler: accept, then feed back with an "after" photo.
    ({ page, errors } = await openPage(browser.context));
    await signInAs(page, running.server.url, 'municipal', client++);
    await openCase(page, number);
    await act(page, 'accept', 'handling');
    await act(page, 'feedback', 'feedback', async (form) => {
      await form.locator('textarea').fill('已更换井盖，现场恢复。');
      await form.locator('#after-photos').setInputFiles([await jpegFile('after.jpg', '#22aa55')]);
    });
    await page.locator('.case-photos__group[data-kind="after"] img').waitFor();
    expect(errors).toEqual([]);
    await page.close();

    // The inspector verifies on site and closes.
    ({ page, errors } = await openPage(browser.context));
    await signInAs(page, running.server.url, 'inspector', client++);
    await expect(page.locator('.cases-tabs__tab[aria-current="page"]').getAttribute('data-tab')).resolves.toBe('to-verify');
    await openCase(page, number);
    await act(page, 'close', 'closed');
    await expect(page.locator('.case-actions__none').isVisible()).resolves.toBe(true);
    const timeline = await page.locator('.case-timeline__event').evaluateAll((items) => items.map((li) => li.getAttribute('data-action')));
    expect(timeline).toEqual(['report', 'register', 'dispatch', 'accept', 'feedback', 'close']);
    await expect(page.locator('.case-timeline__event[data-action="feedback"] .case-timeline__note').textContent()).resolves.toBe('已更换井盖，现场恢复。');
    await expect(page.locator('.case-timeline__event[data-action="dispatch"] [data-field="user"]').textContent()).resolves.toContain('指挥中心');
    await page.setViewportSize({ width: 1280, height: 1280 });
    await page.locator('.case-page').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('.case-page .map-view[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'case-page.png') });
    expect(errors).toEqual([]);
    await page.close();

    const found = await supervisorApi.get<{ cases: { id: number }[] }>(`/api/cases?q=${number}`);
    const { case: closed } = await supervisorApi.get<{ case: CaseDetail }>(`/api/cases/${found.cases[0]!.id}`);
    expect(closed).toMatchObject({ state: 'closed', department: 'municipal', description });
    expect(closed.events.map((e) => [e.action, e.user?.username])).toEqual([
      ['report', 'inspector'], ['register', 'supervisor'], ['dispatch', 'dispatcher'], ['accept', 'municipal'], ['feedback', 'municipal'], ['close', 'inspector'],
    ]);
    expect(closed.photos.map((p) => p.kind)).toEqual(['before', 'after']);
  }, 180_000);
});
