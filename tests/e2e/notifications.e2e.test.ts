import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@shared/cases';
import { browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, startE2eServer } from './browser';
import { apiAs, signInAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the notifications browser test: ${skipReason}`);

/** Where the screenshots are collected (when that folder exists). */
const SHOTS = '/work/briefs/s5/shots';

describe.skipIf(skipReason !== undefined)('the notification bell in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it("lights up for the department's handler when a case is dispatched to it, and leads to the case", async () => {
    const url = running.server.url;
    const inspector = await apiAs(url, 'inspector', 501);
    const supervisor = await apiAs(url, 'supervisor', 502);
    const dispatcher = await apiAs(url, 'dispatcher', 503);
    const filed = (await (await inspector.post('/api/cases', {
      category: 'E01-03', lon: 120.16426, lat: 30.24242, description: '铃铛测试：河坊街路面油污', idempotencyKey: crypto.randomUUID(),
    })).json()) as { case: CaseDetail };
    const { id, number } = filed.case;
    expect((await supervisor.post(`/api/cases/${id}/actions/register`, {})).status).toBe(200);

    const { page, errors } = await openPage(browser.context);
    await signInAs(page, url, 'sanitation', 504, '/cases');
    const bell = page.locator('[data-testid="notification-bell"]');
    await bell.waitFor();
    expect(await page.locator('[data-testid="notification-count"]').count()).toBe(0);

    // the dispatcher sends it to sanitation: the handler's bell counts it without a reload
    expect((await dispatcher.post(`/api/cases/${id}/actions/dispatch`, { department: 'sanitation' })).status).toBe(200);
    await page.locator('[data-testid="notification-count"]', { hasText: '1' }).waitFor({ timeout: 15_000 });
    expect(await bell.getAttribute('aria-label')).toBe('通知：1 条未读');

    await bell.click();
    const item = page.locator('.notification-panel__item[data-event="case.dispatched"]', { hasText: number });
    await item.waitFor();
    expect(await item.locator('.notification-panel__text').textContent()).toBe(`${number} 已派遣到本部门`);
    expect(await item.getAttribute('class')).toContain('notification-panel__item--unread');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shot = path.join(SCREENSHOT_DIR, 'bell.png');
    await page.screenshot({ path: shot });
    if (fs.existsSync(SHOTS)) fs.copyFileSync(shot, path.join(SHOTS, 'bell.png'));

    await item.locator('a').click();
    await page.waitForURL((u) => u.pathname === `/cases/${id}`);
    await page.locator('[data-testid="case-number"]', { hasText: number }).waitFor();
    await expect.poll(() => page.locator('[data-testid="notification-count"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
