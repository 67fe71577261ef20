import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewResponse } from '@shared/overview';
import { browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, startE2eServer, waitForMapReady, type MapHandle } from './browser';
import { apiAs, signInAs } from './cases';
import { CJK, measureOverviewText, type TextReport } from './overview-checks';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the overview browser test: ${skipReason}`);

/** Hefang Street, in 清河坊社区. */
const HEFANG = { lon: 120.16426, lat: 30.24242 };

interface Rect { left: number; top: number; right: number; bottom: number; width: number; height: number }
interface Box { scrollWidth: number; scrollHeight: number; clientWidth: number; clientHeight: number }
/** The few browser globals the checks read (the test code has no DOM types). */
interface Browser {
  innerWidth: number;
  innerHeight: number;
  document: {
    documentElement: Box;
    body: Box;
    querySelector(selector: string): { getBoundingClientRect(): Rect; offsetWidth: number } | null;
    querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): Rect }>;
  };
}

/**
 * Checks every text on screen is at least 12 px (computed size × the canvas's scale), that no card title, figure or
 * reference is cut off, and in English that cards, panel titles, header and ticker hold no Chinese character.
 */
async function expectLegible(page: Page, lang: 'zh' | 'en'): Promise<TextReport> {
  const r = await measureOverviewText(page);
  expect(r.measured).toBeGreaterThan(60);
  expect(r.smallest.px, `${r.smallest.selector} "${r.smallest.text}"`).toBeGreaterThanOrEqual(11.99);
  expect(r.titles).toBe(24);
  expect(r.cut).toEqual([]);
  if (lang === 'en') expect(r.texts.filter((t) => CJK.test(t))).toEqual([]);
  return r;
}

const cardValue = (page: Page, kpi: string) => page.locator(`[data-kpi="${kpi}"] [data-testid="kpi-value"]`);
const asNumber = (text: string) => Number(text.replace(/[^\d.]/g, ''));

/** Waits until the overview shows its figures and the map has drawn. */
async function waitForOverview(page: Page): Promise<void> {
  await cardValue(page, 'registered').waitFor({ timeout: 30_000 });
  await waitForMapReady(page);
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 15_000 });
}

/** Checks the canvas fills the window by one uniform scale without overflowing it or scrolling. */
async function expectFitted(page: Page, viewport: { width: number; height: number }): Promise<void> {
  const m = await page.evaluate(() => {
    const w = globalThis as unknown as Browser;
    const canvas = w.document.querySelector('.overview-canvas')!.getBoundingClientRect();
    const { documentElement: html, body } = w.document;
    return {
      canvas: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom, width: canvas.width, height: canvas.height },
      inner: { width: w.innerWidth, height: w.innerHeight },
      panels: Array.from(w.document.querySelectorAll('.overview-panel, .overview-map, .overview-ticker'), (e) => e.getBoundingClientRect())
        .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
      scroll: { htmlW: html.scrollWidth, htmlH: html.scrollHeight, bodyW: body.scrollWidth, bodyH: body.scrollHeight, clientW: html.clientWidth, clientH: html.clientHeight },
    };
  });
  expect(m.inner).toEqual(viewport);
  const scale = Math.min(viewport.width / 1920, viewport.height / 1080);
  expect(m.canvas.width).toBeCloseTo(1920 * scale, 0);
  expect(m.canvas.height).toBeCloseTo(1080 * scale, 0);
  expect(m.canvas.left).toBeGreaterThanOrEqual(0);
  expect(m.canvas.top).toBeGreaterThanOrEqual(0);
  expect(m.canvas.right).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(m.canvas.bottom).toBeLessThanOrEqual(viewport.height + 0.5);
  // every panel, the map and the ticker lie inside the canvas
  expect(m.panels.length).toBeGreaterThan(10);
  for (const r of m.panels) {
    expect(r.left).toBeGreaterThanOrEqual(m.canvas.left - 0.5);
    expect(r.top).toBeGreaterThanOrEqual(m.canvas.top - 0.5);
    expect(r.right).toBeLessThanOrEqual(m.canvas.right + 0.5);
    expect(r.bottom).toBeLessThanOrEqual(m.canvas.bottom + 0.5);
  }
  // no scrollbars: nothing is wider or taller than the window
  expect(m.scroll.clientW).toBe(viewport.width);
  expect(m.scroll.clientH).toBe(viewport.height);
  expect(Math.max(m.scroll.htmlW, m.scroll.bodyW)).toBeLessThanOrEqual(viewport.width);
  expect(Math.max(m.scroll.htmlH, m.scroll.bodyH)).toBeLessThanOrEqual(viewport.height);
}

/** Clicks the map at a lon/lat, through the canvas's CSS scale. */
async function clickMapAt(page: Page, at: [number, number]): Promise<void> {
  const point = await page.evaluate((lngLat) => {
    const map = (globalThis as unknown as { __qingboMap: MapHandle }).__qingboMap;
    const el = (globalThis as unknown as Browser).document.querySelector('.overview-map .map-canvas')!;
    const rect = el.getBoundingClientRect();
    const p = map.project(lngLat);
    const scale = rect.width / el.offsetWidth;
    return { x: rect.left + p.x * scale, y: rect.top + p.y * scale };
  }, at);
  await page.mouse.click(point.x, point.y);
}

describe.skipIf(skipReason !== undefined)('the leader overview screen in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let client = 700;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser({ width: 1920, height: 1080 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('fills a 1920×1080 screen, updates live over SSE and drills down to a community', async () => {
    const { page, errors } = await openPage(browser.context);
    await signInAs(page, running.server.url, 'leader', client++, '/overview');
    await waitForOverview(page);
    await expectFitted(page, { width: 1920, height: 1080 });
    await expect(page.locator('.overview-header__title').textContent()).resolves.toContain('清波一张图');
    expect(await page.locator('[data-testid="updated-at"]').textContent()).toMatch(/^数据更新于 \d{2}:\d{2}:\d{2}$/);
    expect(asNumber(await cardValue(page, 'registered').innerText())).toBeGreaterThanOrEqual(2734);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview-1920.png') });

    // live: a case filed by an inspector shows in the ticker, and once registered in the registered-cases card, each within 3 s
    const before = asNumber(await cardValue(page, 'registered').innerText());
    const inspector = await apiAs(running.server.url, 'inspector', client++);
    const supervisor = await apiAs(running.server.url, 'supervisor', client++);
    const filed = await inspector.post('/api/cases', { category: 'E01-03', ...HEFANG, description: '大屏实时测试：河坊街路面油污', idempotencyKey: crypto.randomUUID() });
    expect(filed.status).toBe(201);
    const made = (await filed.json()) as { case: { id: number; number: string } };
    await page.locator(`.overview-ticker [data-case="${made.case.number}"]`).waitFor({ state: 'attached', timeout: 3000 });
    expect((await supervisor.post(`/api/cases/${made.case.id}/actions/register`, {})).status).toBe(200);
    await expect.poll(async () => asNumber(await cardValue(page, 'registered').innerText()), { timeout: 3000, interval: 100 }).toBe(before + 1);

    // drill-down: click 清河坊 on the map; every card and chart follows, and the breadcrumb returns to the district
    const leader = await apiAs(running.server.url, 'leader', client++);
    const overview = await leader.get<OverviewResponse>('/api/overview');
    const qinghefang = overview.communities.find((c) => c.code === '330102001055')!;
    const inCommunity = overview.series.byCommunity.find((p) => p.key === qinghefang.code)!.value;
    await clickMapAt(page, qinghefang.center);
    await page.locator('[data-testid="breadcrumb-community"]', { hasText: '清河坊社区' }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('community')).toBe(qinghefang.code);
    await expect.poll(async () => asNumber(await cardValue(page, 'registered').innerText()), { timeout: 5000 }).toBe(inCommunity);
    expect(inCommunity).toBeLessThan(before + 1);

    await page.locator('[data-testid="breadcrumb-district"]').click();
    await page.locator('[data-testid="breadcrumb-community"]').waitFor({ state: 'detached', timeout: 5000 });
    await expect.poll(async () => asNumber(await cardValue(page, 'registered').innerText()), { timeout: 5000 }).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('scales down to a 1366×768 laptop with nothing under 12 px or cut off, in Chinese and in English (also at 1920×1080)', async () => {
    const { page, errors } = await openPage(browser.context);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInAs(page, running.server.url, 'leader', client++, '/overview');
    await waitForOverview(page);
    await expectFitted(page, { width: 1366, height: 768 });
    await expectLegible(page, 'zh');
    // the report states "完成年度计划336.36%" (53.8 ÷ 16 would give 336.25 %)
    expect(await page.locator('[data-kpi="domestic_capital"] .kpi-card__reference').innerText()).toBe('完成年度计划 336.36%');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview-1366.png') });

    // English: units, community names and titles in English, nothing cut off
    await page.locator('.overview-header__locale button', { hasText: 'English' }).click();
    await page.locator('.overview-header__title', { hasText: 'City at a glance' }).waitFor({ timeout: 10_000 });
    await expectFitted(page, { width: 1366, height: 768 });
    const en = await expectLegible(page, 'en');
    expect(await page.locator('[data-kpi="domestic_capital"] .kpi-card__value').innerText()).toMatch(/^¥5\.38\s*billion$/);
    expect(await page.locator('[data-kpi="domestic_capital"] .kpi-card__reference').innerText()).toBe('336.36% of the annual plan');
    expect(await page.locator('[data-kpi="foreign_capital"] .kpi-card__value').innerText()).toMatch(/^US\$8\.95\s*million$/);
    expect(await page.locator('[data-kpi="garbage_sorting_households"] .kpi-card__value').innerText()).toMatch(/^9,658\s*households$/);
    expect(await page.locator('[data-kpi="total_tax"] .kpi-card__reference').innerText()).toBe('+33.3% on last year · last year ¥653 million');
    expect(en.texts.join(' ')).toMatch(/(Qingbomen|Laodong Road|Ding'an Road|Qinghefang|Liucuijingxiang) Community/);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview-1366-en.png') });

    // drilled into 清河坊: the renovation cards count the community's projects; the report's other themes say district-wide
    await page.goto(`${running.server.url}/overview?community=330102001055`);
    await page.locator('[data-testid="breadcrumb-community"]', { hasText: 'Qinghefang Community' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-kpi="courtyard_buildings"] [data-testid="kpi-value"]').innerText(), { timeout: 5000 }).toBe('2');
    expect(await page.locator('[data-kpi="courtyard_households"] .kpi-card__value').innerText()).toMatch(/^88\s*households$/);
    expect(await page.locator('[data-testid="panel-renovation"] .overview-panel__note').innerText()).toBe('Qinghefang Community only');
    expect(await page.locator('[data-testid="panel-ecology"] .overview-panel__note').innerText()).toBe('district-wide');
    await expectLegible(page, 'en');

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${running.server.url}/overview`);
    await waitForOverview(page);
    await expectFitted(page, { width: 1920, height: 1080 });
    await expectLegible(page, 'en');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview-1920-en.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
