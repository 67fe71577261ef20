import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@shared/cases';
import { loadConfig } from '../../server/src/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { browserSkipReason, DATA_DIR, ensureClientBuilt, launchBrowser, openPage, SCREENSHOT_DIR } from './browser';
import { apiAs, signInAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the notifications browser test: ${skipReason}`);

/** Where the screenshots are collected (when that folder exists). */
const SHOTS = '/work/briefs/s5/shots';
const PHONE = { width: 390, height: 844 };

/** Signs the page's user out (the browser context keeps one session cookie for all its pages). */
async function signOut(page: Page): Promise<void> {
  expect(await page.evaluate(async () => (await fetch('/api/auth/logout', { method: 'POST' })).status)).toBe(204);
}

/** A local webhook receiver: every request it got. */
interface Received { url: string; headers: http.IncomingHttpHeaders; body: string }

describe.skipIf(skipReason !== undefined)('notifications in chromium: the bell and a webhook to a local receiver', () => {
  let server: RunningServer;
  let tmp: string;
  let receiver: http.Server;
  const received: Received[] = [];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ url: req.url!, headers: req.headers, body });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // as startE2eServer does, with the receiver on the webhook allowlist
    await ensureClientBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-e2e-'));
    server = await startServer(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR, DB_FILE: path.join(tmp, 'qingbo.sqlite'), LOG_LEVEL: 'warn',
      WEBHOOK_HOSTS: `127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    }));
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  it("an admin adds a webhook; a dispatch lights the department handler's bell, leads to the case and reaches the receiver signed", async () => {
    const url = server.url;
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/qingbo`;

    // the admin adds a signed generic webhook on a phone
    let { page, errors } = await openPage(browser.context);
    await page.setViewportSize(PHONE);
    await signInAs(page, url, 'admin', 505, '/admin/webhooks');
    await page.getByLabel('名称').fill('本地接收端');
    await page.getByLabel('类型').selectOption('generic');
    await page.getByLabel('地址').fill(hookUrl);
    await page.getByLabel('签名密钥（可选）').fill('e2e-secret');
    await page.getByRole('button', { name: '保存' }).click();
    const hook = page.locator('.webhooks-page__hook', { hasText: '本地接收端' });
    await hook.waitFor();
    expect(await hook.locator('[data-testid="webhook-status"]').textContent()).toContain('尚未推送');
    expect(await hook.textContent()).toContain('已设密钥 …cret');
    expect(await hook.textContent()).not.toContain('e2e-secret');
    expect(errors).toEqual([]);
    await signOut(page);
    await page.close();

    const inspector = await apiAs(url, 'inspector', 501);
    const supervisor = await apiAs(url, 'supervisor', 502);
    const dispatcher = await apiAs(url, 'dispatcher', 503);
    const filed = (await (await inspector.post('/api/cases', {
      category: 'E01-03', lon: 120.16426, lat: 30.24242, description: '铃铛测试：河坊街路面油污', idempotencyKey: crypto.randomUUID(),
    })).json()) as { case: CaseDetail };
    const { id, number } = filed.case;
    expect((await supervisor.post(`/api/cases/${id}/actions/register`, {})).status).toBe(200);

    ({ page, errors } = await openPage(browser.context));
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
    await signOut(page);
    await page.close();

    // the receiver got the dispatch, signed with the secret (HMAC-SHA256 of the body)
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = received;
    expect(delivery!.url).toBe('/qingbo');
    expect(delivery!.headers['x-qingbo-signature']).toBe(`sha256=${createHmac('sha256', 'e2e-secret').update(delivery!.body).digest('hex')}`);
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'case.dispatched', case: { id, number, department: 'sanitation' } });

    // and the admin sees it delivered
    ({ page, errors } = await openPage(browser.context));
    await page.setViewportSize(PHONE);
    await signInAs(page, url, 'admin', 506, '/admin/webhooks');
    const status = page.locator('.webhooks-page__hook', { hasText: '本地接收端' }).locator('[data-testid="webhook-status"]');
    await status.filter({ hasText: '成功 200' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'webhooks-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
