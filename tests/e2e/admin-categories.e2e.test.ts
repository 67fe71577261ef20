import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { actAsClient, browserSkipReason, launchBrowser, openPage, signInThroughForm, startE2eServer } from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the category admin browser test: ${skipReason}`);

/** The Chinese interface's words these tests look for. */
const ZH = {
  nav: '分类管理',
  title: '案件分类管理',
  search: '搜索分类',
  timeLimitValue: '时限数值',
  timeLimitUnit: '时限单位',
  save: '保存',
  mustBePositive: '须大于 0 且不超过 1000。',
  admin: '系统管理员',
};

const where = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${[...u.searchParams].map(([k, v], i) => `${i ? '&' : '?'}${k}=${v}`).join('')}`;
};

describe.skipIf(skipReason !== undefined)('the case category admin page in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let client = 40;
  const url = (p: string) => `${running.server.url}${p}`;

  /** A page signed in through the form (the earlier test's session cookie cleared first). */
  async function signedIn(username: string, role: string): Promise<{ page: Page; errors: string[] }> {
    await browser.context.clearCookies();
    const opened = await openPage(browser.context);
    await actAsClient(opened.page, client++);
    await opened.page.goto(url('/login'));
    await signInThroughForm(opened.page, username, DEMO_PASSWORD);
    await opened.page.locator('.user-menu__role', { hasText: role }).waitFor({ timeout: 15_000 });
    return opened;
  }

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('lets an admin find a category, change its time limit and find it saved after a reload', async () => {
    const { page, errors } = await signedIn('admin', ZH.admin);
    await page.locator('.app-header__nav a[href="/admin/categories"]', { hasText: ZH.nav }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/categories');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(ZH.title);
    await page.locator('tr[data-code="E01-03"]').waitFor();
    await expect(page.locator('.categories-admin__group h2').count()).resolves.toBeGreaterThanOrEqual(10);

    await page.getByLabel(ZH.search).fill('道路不洁');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    const row = page.locator('tr[data-code="E01-03"]');
    await expect(row.locator('td').nth(3).textContent()).resolves.toContain('2 工作小时');

    await row.getByRole('button', { name: /编辑 E01-03/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const value = dialog.getByLabel(ZH.timeLimitValue);
    await expect.poll(() => page.locator(':focus').getAttribute('name')).toBe('nameZh');

    await value.fill('0');
    await dialog.getByRole('button', { name: ZH.save }).click();
    await expect(value.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(dialog.locator('#category-timeLimit-value-error').textContent()).resolves.toBe(ZH.mustBePositive);
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('category-timeLimit-value');

    await value.fill('3');
    await dialog.getByLabel(ZH.timeLimitUnit).selectOption('wd');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/cases/categories/E01-03') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: ZH.save }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['if-match']).toBe('"category-E01-03-1"');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.locator('.categories-admin__message[role="status"]').textContent()).resolves.toContain('已保存 E01-03');
    await expect.poll(() => page.locator(':focus').textContent().then((text) => text?.trim())).toBe('编辑');

    await page.reload();
    await page.locator('tr[data-code="E01-03"]').waitFor();
    await expect(page.locator('tr[data-code="E01-03"] td').nth(3).textContent()).resolves.toContain('3 个工作日');
    const audit = await page.evaluate(async () => (await (await fetch('/api/audit?entity=case-category&limit=1')).json()) as { entries: unknown[] });
    expect(audit.entries[0]).toMatchObject({ action: 'update', username: 'admin', entityId: 'E01-03', summary: { changed: { timeLimit: [{ value: 2, unit: 'wh' }, { value: 3, unit: 'wd' }] } } });

    await page.locator('.app-header__nav a[href="/admin/audit"]').click();
    await page.getByLabel('对象类型').selectOption('case-category');
    const entry = page.locator('.audit-table tr[data-entity="case-category"][data-action="update"]').first();
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toMatch(/修改.*案件分类.*E01-03/);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a dispatcher no nav entry, the 403 view for the page and refuses the API', async () => {
    const { page, errors } = await signedIn('dispatcher', '指挥中心');
    await expect(page.locator('.app-header__nav a[href="/cases"]').count()).resolves.toBe(1);
    await expect(page.locator('.app-header__nav a[href="/admin/categories"]').count()).resolves.toBe(0);

    await page.goto(url('/admin/categories'));
    await expect.poll(() => where(page)).toBe('/forbidden?from=/admin/categories');
    await expect(page.locator('.forbidden__status').textContent()).resolves.toContain('403');
    await expect(page.locator('.forbidden__roles li').allTextContents()).resolves.toEqual([ZH.admin]);
    await expect(page.locator('.categories-admin').count()).resolves.toBe(0);

    const status = await page.evaluate(async () => (await fetch('/api/cases/categories/E01-03', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ active: false }),
    })).status);
    expect(status).toBe(403);
    expect(errors.filter((e) => !/HTTP 403 .*\/api\/cases\/categories\/E01-03$/.test(e) && !e.includes('403 (Forbidden)'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('sends a visitor to the login page', async () => {
    await browser.context.clearCookies();
    const { page } = await openPage(browser.context);
    await actAsClient(page, client++);
    await page.goto(url('/admin/categories'));
    await expect.poll(() => where(page)).toBe('/login?redirect=/admin/categories');
    await page.close();
  }, 60_000);
});
