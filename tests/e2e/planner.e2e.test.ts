import fs from 'node:fs';
import path from 'node:path';
import { pointOnFeature } from '@turf/turf';
import type { Feature } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason, jumpAndSettle, launchBrowser, type MapHandle, openMapAs, openPage, SCREENSHOT_DIR, startE2eServer, waitForMapReady,
} from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the planner browser test: ${skipReason}`);

const SCREENSHOT = path.join(SCREENSHOT_DIR, 'planner-details.png');

/** Statuses of the rendered alley renovations. */
function renderedAlleyStatuses(page: Page): Promise<unknown[] | undefined> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
    return map?.queryRenderedFeatures({ layers: ['alley-renovations-line'] }).map((f) => f.properties.status);
  });
}

/** The screen position of the middle of the first rendered alley's first segment. */
/** Names of the rendered garbage rooms. */
function renderedRoomNames(page: Page): Promise<unknown[]> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
    return map?.queryRenderedFeatures({ layers: ['garbage-rooms-circle'] }).map((f) => f.properties.name) ?? [];
  });
}

function alleyTarget(page: Page): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(() => {
    const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
    const line = map?.queryRenderedFeatures({ layers: ['alley-renovations-line'] })[0];
    if (!map || !line) return undefined;
    const coords = (line.geometry.type === 'MultiLineString' ? (line.geometry.coordinates as number[][][])[0] : line.geometry.coordinates) as [number, number][];
    const [a, b] = [coords[0], coords[1] ?? coords[0]] as [[number, number], [number, number]];
    return map.project([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  });
}

describe.skipIf(skipReason !== undefined)('the planner workspace on /map', () => {
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

  it('lets a planner toggle a layer, filter renovations by status, open one\'s details and share the link, and not export an empty selection', async () => {
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, running.server.url, 400);

    // Case dots lie over the alleys: hide them so that the click hits an alley.
    await page.locator('[data-layer-id="cases"] input[type="checkbox"]').setChecked(false);
    await expect.poll(() => new URL(page.url()).searchParams.get('layers')?.split(','), { timeout: 10_000 })
      .toEqual(expect.not.arrayContaining(['cases']));

    const total = (await (await fetch(`${running.server.url}/ogc/collections/alley-renovations/items?limit=10000`)).json()) as { features: { properties: { status: string } }[] };
    const accepted = total.features.filter((f) => f.properties.status === 'accepted').length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(total.features.length);

    const item = page.locator('[data-layer-id="alley-renovations"]');
    await item.getByRole('button', { name: /^筛选/ }).click();
    const status = item.locator('[data-filter-key="status"]');
    for (const value of ['planned', 'under_construction', 'completed']) await status.locator(`input[value="${value}"]`).uncheck();

    await expect.poll(() => item.locator('.layer-item__count').textContent(), { timeout: 10_000 }).toContain(`${accepted} / ${total.features.length}`);
    await expect.poll(async () => [...new Set(await renderedAlleyStatuses(page))], { timeout: 10_000 }).toEqual(['accepted']);
    await expect.poll(() => new URL(page.url()).searchParams.get('f.alley-renovations')).toBe('status:in:accepted');

    const download = page.waitForEvent('download');
    await item.getByRole('button', { name: '导出 GeoJSON' }).click();
    const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as { features: { properties: { status: string } }[] };
    expect(exported.features.map((f) => f.properties.status)).toEqual(Array(accepted).fill('accepted'));

    const target = await alleyTarget(page);
    expect(target).toBeDefined();
    const box = await page.locator('.map-canvas canvas').boundingBox();
    await page.mouse.click(box!.x + target!.x, box!.y + target!.y);
    const panel = page.getByTestId('details-panel');
    await panel.waitFor({ timeout: 10_000 });
    await expect.poll(() => panel.locator('[data-key="status"] .status-badge').textContent(), { timeout: 10_000 }).toBe('已验收');
    await expect(panel.locator('[data-key="_community"] dd').textContent()).resolves.toMatch(/社区$/);
    await expect(panel.locator('[data-key="_grid"] dd').textContent()).resolves.toMatch(/\S/);
    await expect(panel.locator('[data-key="start_date"] dd').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await expect(panel.locator('.details-panel__row--long').count()).resolves.toBeGreaterThan(0);
    const title = await panel.locator('.details-panel__title').textContent();
    await expect.poll(() => new URL(page.url()).searchParams.get('sel'), { timeout: 10_000 }).toMatch(/^alley-renovations\/.+/);

    await page.locator('.maplibregl-ctrl-attrib-button').click();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    const shared = page.url();
    const { page: other, errors: otherErrors } = await openPage(browser.context);
    await other.goto(shared);
    await waitForMapReady(other);
    const reopened = other.getByTestId('details-panel');
    await expect.poll(() => reopened.locator('.details-panel__title').textContent(), { timeout: 15_000 }).toBe(title);
    await expect(other.locator('[data-layer-id="cases"] input[type="checkbox"]').isChecked()).resolves.toBe(false);
    await expect(other.locator('[data-layer-id="alley-renovations"] [data-filter-key="status"] input[value="completed"]').isChecked()).resolves.toBe(false);
    await expect.poll(async () => [...new Set(await renderedAlleyStatuses(other))], { timeout: 10_000 }).toEqual(['accepted']);

    // A filter no renovation passes: the exports say so instead of downloading an empty file.
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    const notice = item.getByTestId('export-empty');
    await status.locator('input[value="accepted"]').uncheck();
    await expect.poll(() => item.locator('.layer-item__count').textContent(), { timeout: 10_000 }).toContain(`0 / ${total.features.length}`);
    await item.getByRole('button', { name: '导出 GeoJSON' }).click();
    await expect.poll(() => notice.textContent()).toBe('没有符合当前筛选条件的要素，未导出文件。');
    await status.locator('input[value="accepted"]').check();
    await expect.poll(() => notice.count(), { message: 'a new filter takes the notice away' }).toBe(0);
    await status.locator('input[value="accepted"]').uncheck();
    await item.getByRole('button', { name: '导出 CSV' }).click();
    await expect.poll(() => notice.textContent()).toBe('没有符合当前筛选条件的要素，未导出文件。');
    await expect(item.locator('[data-server-export]').evaluateAll((bs) => bs.map((b) => b.hasAttribute('disabled')))).resolves.toEqual([true, true]);
    expect(downloads, 'no empty file is downloaded').toEqual([]);

    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
    await other.close();
    await page.close();
  }, 180_000);

  it('lets a planner draw a garbage room, fill in its form, find it after a reload and delete it', async () => {
    const { page, errors } = await openPage(browser.context);
    await openMapAs(page, running.server.url, 401);
    const communities = (await (await fetch(`${running.server.url}/ogc/collections/communities/items?limit=10`)).json()) as { features: Feature[] };
    const spot = pointOnFeature(communities.features[0]!).geometry.coordinates as [number, number];
    await jumpAndSettle(page, spot, 17.5);

    const editor = page.getByTestId('edit-panel');
    await editor.getByLabel('图层').selectOption('garbage-rooms');
    await editor.getByRole('button', { name: '绘制新要素' }).click();
    await editor.getByRole('status').waitFor();
    const target = await page.evaluate((lngLat) => (globalThis as unknown as { __qingboMap: MapHandle }).__qingboMap.project(lngLat), spot);
    const box = await page.locator('.map-canvas canvas').boundingBox();
    await page.mouse.click(box!.x + target.x, box!.y + target.y);

    await editor.getByRole('button', { name: '保存' }).click();
    await expect(editor.locator('[data-field="name"] .feature-form__error').textContent()).resolves.toBe('必填');
    const name = `测试垃圾房${Date.now() % 100_000}`;
    await editor.getByLabel('名称*', { exact: true }).fill(name);
    await editor.getByLabel('英文名*', { exact: true }).fill('Test garbage room');
    await editor.getByLabel('日处理能力*', { exact: true }).fill('-2');
    await editor.getByLabel('服务户数*', { exact: true }).fill('320');
    await editor.getByLabel('分类方式*', { exact: true }).selectOption('four_kinds');
    await editor.getByLabel('状态*', { exact: true }).selectOption('planned');
    await editor.getByLabel('所属社区*', { exact: true }).selectOption({ index: 1 });
    await editor.getByRole('button', { name: '保存' }).click();
    await expect(editor.locator('[data-field="capacity_t_per_day"] .feature-form__error').textContent()).resolves.toBe('不能小于 0');
    await editor.getByLabel('日处理能力*', { exact: true }).fill('1.5');

    const created = page.waitForResponse((r) => r.request().method() === 'POST' && /\/ogc\/collections\/garbage-rooms\/items$/.test(r.url()));
    await editor.getByRole('button', { name: '保存' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const id = String(((await response.json()) as { id: string | number }).id);
    await expect.poll(() => renderedRoomNames(page), { timeout: 15_000 }).toContain(name);
    await expect.poll(() => new URL(page.url()).searchParams.get('sel'), { timeout: 10_000 }).toBe(`garbage-rooms/${id}`);

    await page.reload();
    await waitForMapReady(page);
    await expect.poll(() => page.getByTestId('details-panel').locator('.details-panel__title').textContent(), { timeout: 15_000 }).toBe(name);
    await expect.poll(() => renderedRoomNames(page), { timeout: 15_000 }).toContain(name);

    page.once('dialog', (dialog) => void dialog.accept());
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().endsWith(`/garbage-rooms/items/${id}`));
    await page.getByTestId('edit-panel').getByRole('button', { name: '删除所选' }).click();
    expect((await deleted).status()).toBe(204);
    await expect.poll(() => renderedRoomNames(page), { timeout: 15_000 }).not.toContain(name);
    expect((await fetch(`${running.server.url}/ogc/collections/garbage-rooms/items/${id}`)).status).toBe(404);

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('measures a distance on the map with turf', async () => {
    const { page, errors } = await openPage(browser.context);
    await page.goto(`${running.server.url}/map`);
    await waitForMapReady(page);
    const tool = page.getByTestId('measure-tool');
    await tool.getByRole('button', { name: '测距' }).click();
    const box = (await page.locator('.map-canvas canvas').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.click(x - 100, y);
    await page.mouse.click(x + 100, y);
    await page.mouse.dblclick(x + 100, y);
    await expect.poll(() => tool.locator('output').textContent(), { timeout: 10_000 }).toMatch(/^测距：[\d,.]+ k?m$/);
    const metersPerPixel = await page.evaluate(({ ax, ay }) => {
      const map = (globalThis as unknown as { __qingboMap: MapHandle & { unproject(p: [number, number]): { distanceTo(o: unknown): number } } }).__qingboMap;
      return map.unproject([ax - 100, ay]).distanceTo(map.unproject([ax + 100, ay])) / 200;
    }, { ax: x - box.x, ay: y - box.y });
    const text = (await tool.locator('output').textContent())!;
    const shown = Number(text.replace(/[^\d.]/g, '')) * (text.endsWith('km') ? 1000 : 1);
    expect(Math.abs(shown - metersPerPixel * 200) / (metersPerPixel * 200)).toBeLessThan(0.05);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
