import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import {
  actAsClient, browserSkipReason, jumpAndSettle, launchBrowser, openPage, signInOverApi, signInThroughForm, startE2eServer, waitForMapReady, type MapHandle,
} from './browser';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the XSS browser test: ${skipReason}`);

const IMG_PAYLOAD = '<img src=x onerror="window.__xss=1">';
const SCRIPT_PAYLOAD = '<script>window.__xss=1</script>';
/** Inside the district, away from the demo garbage rooms. */
const WHERE: [number, number] = [120.161, 30.241];

/** Whether an injected script ran, or injected markup became elements. */
function injected(page: Page) {
  return page.evaluate(() => {
    const window = globalThis as unknown as { __xss?: unknown; document: { querySelectorAll(selector: string): { length: number } } };
    return { xss: window.__xss, elements: window.document.querySelectorAll('img[src="x"], script:not([src]), [onerror]').length };
  });
}

describe.skipIf(skipReason !== undefined)('hostile text in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let featureId: number;
  const url = (p: string) => `${running.server.url}${p}`;

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser();
    const planner = await signInOverApi(running.server.url, 'planner', DEMO_PASSWORD, 300);
    const created = await fetch(url('/ogc/collections/garbage-rooms/items'), {
      method: 'POST',
      headers: { Cookie: planner, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: WHERE },
        properties: {
          name: IMG_PAYLOAD, name_en: SCRIPT_PAYLOAD, address: SCRIPT_PAYLOAD,
          capacity_t_per_day: 1, households_served: 10, sorting_type: 'four_kinds', status: 'in_service', community: '清波门社区',
        },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the hostile feature failed: ${created.status} ${await created.text()}`);
    featureId = ((await created.json()) as { id: number }).id;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('shows markup in the feature details panel as literal text and runs none of it', async () => {
    const { page, errors } = await openPage(browser.context);
    await page.goto(url('/map'));
    await waitForMapReady(page);
    await jumpAndSettle(page, WHERE, 18);

    const target = await page.evaluate(({ name, where }) => {
      const map = (globalThis as unknown as { __qingboMap?: MapHandle }).__qingboMap;
      const hit = map?.queryRenderedFeatures({ layers: ['garbage-rooms-circle'] }).find((f) => f.properties.name === name);
      return hit && map?.project(where);
    }, { name: IMG_PAYLOAD, where: WHERE });
    expect(target, 'the hostile feature is drawn').toBeDefined();
    const box = await page.locator('.map-canvas canvas').boundingBox();
    await page.mouse.click(box!.x + target!.x, box!.y + target!.y);

    const popup = page.getByTestId('details-panel');
    await popup.waitFor({ timeout: 10_000 });
    // the panel opens at once with the feature's id and names it when the layer's features have loaded
    await expect.poll(() => popup.locator('.details-panel__title').textContent(), { timeout: 10_000 }).toBe(IMG_PAYLOAD);
    await expect.poll(() => popup.locator('.details-panel__subtitle').textContent(), { timeout: 10_000 }).toBe(SCRIPT_PAYLOAD);
    await expect.poll(() => popup.locator('[data-key="address"] dd').textContent(), { timeout: 10_000 }).toBe(SCRIPT_PAYLOAD);
    await expect(popup.getByText(IMG_PAYLOAD, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(injected(page)).resolves.toEqual({ xss: undefined, elements: 0 });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows markup in the audit log as literal text and runs none of it', async () => {
    const { page, errors } = await openPage(browser.context);
    await actAsClient(page, 301);
    await page.goto(url('/login?redirect=/admin/audit?entity=feature:garbage-rooms'));
    await signInThroughForm(page, 'admin', DEMO_PASSWORD);

    const row = page.locator(`.audit-table tr[data-action="create"][data-entity="feature:garbage-rooms"]`).filter({ hasText: String(featureId) });
    await row.waitFor({ timeout: 15_000 });
    const summary = row.locator('.audit-table__summary');
    await expect(summary.getByText(IMG_PAYLOAD, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(summary.getByText(SCRIPT_PAYLOAD, { exact: true }).count()).resolves.toBe(2);
    await expect(injected(page)).resolves.toEqual({ xss: undefined, elements: 0 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
