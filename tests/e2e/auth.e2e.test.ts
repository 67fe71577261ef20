import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { actAsClient, browserSkipReason, clientAddress, launchBrowser, openPage, SCREENSHOT_DIR, signInOverApi, signInThroughForm, startE2eServer } from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the sign-in browser test: ${skipReason}`);

/** Only the wrong-password answer may show up as a failed request. */
/** The Chinese interface's words these tests look for. */
const ZH = {
  heading: '登录清波一张图',
  demoTitle: '演示账号',
  wrongPassword: '用户名或密码错误。',
  signIn: '登录',
  logout: '退出登录',
  filter: '对象类型',
  loginAction: '登录',
  audit: { apply: '筛选', loginFailed: '登录失败', empty: '没有符合条件的记录。' },
  roles: { admin: '系统管理员', planner: '规划建设科', inspector: '巡查员', supervisor: '监督中心', dispatcher: '指挥中心', handler: '处置部门', leader: '街道领导' },
  departments: { sanitation: '环卫', municipal: '市政', greening: '园林', enforcement: '城管执法' } as Record<string, string>,
};

/** A page's path and decoded query, e.g. `/login?redirect=/admin/audit`. */
const where = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${[...u.searchParams].map(([k, v], i) => `${i ? '&' : '?'}${k}=${v}`).join('')}`;
};

/** Where each demo account's own work is: the page signing in leads to when nothing (it may open) asked for another. */
/** The map's own view in its link (centre, zoom, layers), which /map writes once it has drawn. */
const MAP_VIEW_KEYS = new Set(['c', 'z', 'layers']);
/** Where a user landed: the path and query as `where` gives them, without the map's own view state. */
const landedOn = (page: Page) => {
  const u = new URL(page.url());
  const rest = [...u.searchParams].filter(([k]) => !(u.pathname === '/map' && MAP_VIEW_KEYS.has(k)));
  return `${u.pathname}${rest.map(([k, v], i) => `${i ? '&' : '?'}${k}=${v}`).join('')}`;
};

const LANDING: Record<string, string> = {
  admin: '/map', planner: '/map', inspector: '/cases/new', supervisor: '/cases', dispatcher: '/cases',
  sanitation: '/cases', municipal: '/cases', greening: '/cases', enforcement: '/cases', leader: '/overview',
};

const expectedRefusal = (e: string) => /HTTP 401 .*\/api\/auth\/login$/.test(e);

describe.skipIf(skipReason !== undefined)('signing in, roles and the audit log in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let client = 0;
  const url = (p: string) => `${running.server.url}${p}`;

  /** A page of its own client address, so that sign-ins stay under the per-address throttle. */
  async function freshPage(): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(browser.context);
    await actAsClient(opened.page, client++);
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

  it('sends a visitor from the audit log to the login page and explains a wrong password', async () => {
    const { page, errors } = await freshPage();
    await page.goto(url('/admin/audit'));
    await expect.poll(() => where(page)).toBe('/login?redirect=/admin/audit');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(ZH.heading);
    await expect(page.locator('.demo-accounts__title').textContent()).resolves.toContain(ZH.demoTitle);
    const listed = await page.locator('.demo-accounts__item code').allTextContents();
    expect(listed, 'the hint lists exactly the seeded demo accounts').toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    await expect(page.locator('.demo-accounts').textContent()).resolves.toContain(DEMO_PASSWORD);

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'login.png') });

    await signInThroughForm(page, 'admin', 'not-the-password');
    const alert = page.locator('#login-error');
    await expect.poll(() => alert.textContent()).toBe(ZH.wrongPassword);
    await expect(page.getByLabel('密码', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors.filter((e) => !expectedRefusal(e) && !e.includes('401 (Unauthorized)'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('signs in as every demo role through the form: the user menu shows the role, only an admin enters the audit log', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const { page, errors } = await freshPage();
      await page.goto(url('/login?redirect=%2Fadmin%2Faudit'));
      await signInThroughForm(page, account.username, DEMO_PASSWORD);

      const auditLink = page.locator('.app-header__nav a[href="/admin/audit"]');
      if (account.role === 'admin') {
        await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/audit');
        await page.locator('.audit-table').waitFor();
        await expect(auditLink.count()).resolves.toBe(1);
      } else {
        await expect.poll(() => landedOn(page), { message: `${account.username} may not open the audit log: their own work instead` }).toBe(LANDING[account.username]);
        await page.goto(url('/admin/audit'));
        await expect.poll(() => where(page)).toBe('/forbidden?from=/admin/audit');
        await expect(page.locator('.forbidden__status').textContent()).resolves.toContain('403');
        await expect(page.locator('.forbidden__roles li').allTextContents()).resolves.toEqual([ZH.roles.admin]);
        await expect(auditLink.count(), `${account.username} sees no audit link`).resolves.toBe(0);
      }

      // Checked once the page has settled: the leader's landing (the overview screen) is full-screen, without the header,
      // which shows the user menu for a moment after signing in, until the overview's chunk has loaded.
      const role = page.locator('.user-menu__role');
      await role.waitFor({ timeout: 15_000 });
      await expect(role.textContent(), account.username).resolves.toBe(ZH.roles[account.role]);
      await expect(page.locator('.user-menu__name').textContent()).resolves.toBe(account.displayName);

      const toggle = page.locator('.user-menu__toggle');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(page.locator('[data-field="username"]').textContent()).resolves.toBe(account.username);
      const department = page.locator('[data-field="department"]');
      if (account.department) await expect(department.textContent()).resolves.toBe(ZH.departments[account.department]);
      else await expect(department.count()).resolves.toBe(0);
      await page.keyboard.press('Escape');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');

      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: ZH.logout }).click();
      await toggle.waitFor({ state: 'detached', timeout: 10_000 });
      const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: unknown });
      expect(me.user, `${account.username} is signed out on the server`).toBeNull();
      if (account.role === 'admin') expect(new URL(page.url()).pathname, 'leaving a private page opens the login page').toBe('/login');
      else await expect(page.getByRole('link', { name: ZH.signIn, exact: true }).count(), 'a visitor sees the sign-in link').resolves.toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('leads a leader, a handler and a planner signing in on the plain login page to their own work', async () => {
    for (const username of ['leader', 'sanitation', 'planner']) {
      const { page, errors } = await freshPage();
      await page.goto(url('/login'));
      await signInThroughForm(page, username, DEMO_PASSWORD);
      await expect.poll(() => landedOn(page), { message: username }).toBe(LANDING[username]);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('shows the admin edits and sign-ins in the audit log, with before and after, translated actions, filtered by record type, user, action and days', async () => {
    const [planner] = await Promise.all(['planner', 'leader'].map((username, i) => signInOverApi(running.server.url, username, DEMO_PASSWORD, 200 + i)));
    const rooms = (await (await fetch(url('/ogc/collections/garbage-rooms/items?status=in_service&limit=1'))).json()) as { features: { id: number }[] };
    const room = rooms.features[0]!;
    const edit = await fetch(url(`/ogc/collections/garbage-rooms/items/${room.id}`), {
      method: 'PATCH', headers: { Cookie: planner!, 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ properties: { status: 'closed' } }),
    });
    expect(edit.status).toBe(200);
    const refused = await fetch(url('/api/auth/login'), {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': clientAddress(210) }, body: JSON.stringify({ username: 'inspector', password: 'wrong-password' }),
    });
    expect(refused.status).toBe(401);

    const { page, errors } = await freshPage();
    await page.goto(url('/login'));
    await signInThroughForm(page, 'admin', DEMO_PASSWORD);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/map');
    await page.locator('.app-header__nav a[href="/admin/audit"]').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/audit');

    const patched = page.locator(`.audit-table tr[data-action="patch"][data-entity="feature:garbage-rooms"]`);
    await patched.waitFor();
    await expect(patched.locator('.audit-table__id').textContent()).resolves.toBe(String(room.id));
    await expect(patched.locator('td').nth(3).textContent()).resolves.toBe('要素 · 生态垃圾房');
    await expect(patched.locator('.audit-summary__line').first().textContent(), 'named by the layer schema').resolves.toMatch(/^状态:\s*使用中\s*→\s*停用$/);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'audit.png') });

    await page.getByLabel(ZH.filter).selectOption('session');
    await expect.poll(() => new URL(page.url()).searchParams.get('entity')).toBe('session');
    const rows = page.locator('.audit-table tbody tr');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-entity')))).not.toContain('feature:garbage-rooms');
    const logins = await page.locator('.audit-table tbody tr[data-action="login"] .audit-table__user').allTextContents();
    expect(logins).toEqual(expect.arrayContaining(['admin', 'planner', 'leader']));
    await expect(rows.first().locator('td').nth(2).textContent()).resolves.toBe(ZH.loginAction);
    const time = await rows.first().locator('time').textContent();
    expect(time, 'times are shown as local date and time').toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);

    // The filter form: user, action and a range of (Beijing) days go into the URL; a day long past finds nothing.
    const form = page.getByTestId('audit-filters');
    await form.locator('[name="user"]').fill('inspector');
    await form.locator('[name="action"]').selectOption({ label: ZH.audit.loginFailed });
    await form.locator('[name="from"]').fill('2020-01-01');
    await form.locator('[name="to"]').fill('2020-01-31');
    await form.getByRole('button', { name: ZH.audit.apply, exact: true }).click();
    await expect.poll(() => where(page)).toBe('/admin/audit?entity=session&user=inspector&action=login_failed&from=2020-01-01&to=2020-01-31');
    await expect.poll(() => page.locator('.audit-page__state--empty').textContent()).toBe(ZH.audit.empty);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // the day in Beijing
    await form.locator('[name="from"]').fill(today);
    await form.locator('[name="to"]').fill(today);
    await form.getByRole('button', { name: ZH.audit.apply, exact: true }).click();
    const filtered = `/admin/audit?entity=session&user=inspector&action=login_failed&from=${today}&to=${today}`;
    await expect.poll(() => where(page)).toBe(filtered);
    const shown = () => rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.audit-table__user')?.textContent, tr.children[2]?.textContent]));
    await expect.poll(shown, { timeout: 10_000 }).toEqual([['inspector', ZH.audit.loginFailed]]);

    await page.reload();
    await expect.poll(shown, { timeout: 15_000 }).toEqual([['inspector', ZH.audit.loginFailed]]);
    expect(where(page), 'a reload keeps the filters').toBe(filtered);
    await expect(form.locator('[name="user"]').inputValue()).resolves.toBe('inspector');
    await expect(form.locator('[name="action"]').inputValue()).resolves.toBe('login_failed');
    await expect(form.locator('[name="from"]').inputValue()).resolves.toBe(today);

    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
