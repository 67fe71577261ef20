import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, openPage, SCREENSHOT_DIR, startE2eServer } from './browser';
import { signInAs } from './cases';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`Skipping the reports browser test: ${skipReason}`);

/** The few browser globals the checks read (the test code has no DOM types). */
interface Browser {
  document: {
    styleSheets: ArrayLike<{ cssRules: ArrayLike<{ type: number; style?: { getPropertyValue(name: string): string } }> }>;
    querySelector(selector: string): { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null } | null;
  };
}
/** CSSRule.PAGE_RULE. */
const PAGE_RULE = 6;

describe.skipIf(skipReason !== undefined)('reports in chromium', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-reports-'));

  beforeAll(async () => {
    running = await startE2eServer();
    browser = await launchBrowser({ width: 1280, height: 900 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('a supervisor groups 2011 by department, sees the table and chart, downloads the workbook and opens the A4 appraisal sheet', async () => {
    const { page, errors } = await openPage(browser.context);
    await signInAs(page, running.server.url, 'supervisor', 71, '/reports');
    await page.getByRole('link', { name: '统计报表' }).waitFor();

    await page.getByLabel('起始日期').fill('2011-01-01');
    await page.getByLabel('截止日期').fill('2011-12-31');
    await page.getByLabel('分组').selectOption('department');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2011-01-01' && url.searchParams.get('groupBy') === 'department');

    // the demo history: 2,734 cases registered in 2011, all closed, handled by the four departments
    const total = page.locator('.report-table__total');
    await total.waitFor({ timeout: 30_000 });
    await expect.poll(() => total.locator('td').first().textContent()).toBe('2,734');
    expect(await total.locator('td').nth(2).textContent()).toBe('100.0%');
    const departments = await page.locator('.report-table tbody th').allTextContents();
    expect(departments.map((d) => d.trim()).sort()).toEqual(['园林所', '城管执法中队', '市政所', '环卫所']);

    // the chart is drawn: its canvas holds coloured pixels
    const canvas = page.locator('.report-chart canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => {
      const c = (globalThis as unknown as Browser).document.querySelector('.report-chart canvas');
      const data = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      let coloured = 0;
      for (let i = 0; data && i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2])) coloured += 1;
      return coloured;
    }), { timeout: 15_000 }).toBeGreaterThan(500);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'reports.png'), fullPage: true });

    // the .xlsx download: named in Chinese (RFC 5987), one titled sheet, the total row with a percent format
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-format="xlsx"]').click()]);
    expect(download.suggestedFilename()).toBe('案件统计报表-按部门-2011-01-01至2011-12-31.xlsx');
    const file = path.join(downloads, 'report.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('案件按部门')!;
    expect(sheet.getCell('A1').value).toBe('案件统计报表 按部门 2011-01-01 至 2011-12-31');
    expect(sheet.getCell('E2').value).toBe('结案率');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(2).value).toBe('合计');
    expect(last.getCell(3).value).toBe(2734);
    expect(last.getCell(5).value).toBe(1);
    expect(last.getCell(5).numFmt).toBe('0.00%');

    // the monthly appraisal sheet: department rows, signature lines, printed on A4
    await page.getByRole('link', { name: '月度考核表' }).click();
    await page.waitForURL((url) => url.pathname === '/reports/appraisal');
    await page.goto(`${running.server.url}/reports/appraisal?month=2011-06`);
    await page.locator('.appraisal .report-table__total').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.appraisal__subtitle').first().textContent()).toContain('2011-06-01 至 2011-06-30');
    expect(await page.locator('.appraisal__signature').count()).toBe(4);
    const pageSizes = await page.evaluate((rule) => Array.from((globalThis as unknown as Browser).document.styleSheets)
      .flatMap((s) => Array.from(s.cssRules))
      .filter((r) => r.type === rule)
      .map((r) => r.style!.getPropertyValue('size')), PAGE_RULE);
    // Chromium serialises 'A4 portrait' as 'a4' (portrait is the default)
    expect(pageSizes).toEqual(['a4']);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'appraisal.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.appraisal__toolbar').isVisible()).toBe(false);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    // every page is A4 portrait: 210 × 297 mm = 595.3 × 841.9 points (Chromium rounds to its own units)
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - 595.3), `width ${w}`).toBeLessThan(2);
      expect(Math.abs(h! - 841.9), `height ${h}`).toBeLessThan(2);
    }
    await page.emulateMedia({ media: 'screen' });

    expect(errors).toEqual([]);
  }, 180_000);
});
