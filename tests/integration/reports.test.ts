import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/auth';
import type { SecuredApp } from '../helpers/session';
import { act, caseIn, createCasesApp, fileCase } from '../helpers/cases';
import { uploadPhotos } from '../helpers/photos';

const QINGBO_GATE = { lon: 120.15461, lat: 30.24028 };
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`).toISOString();
const PERIOD = 'from=2011-03-01&to=2011-04-30';

/** The figures the report shows per group (rates as fractions), written out by hand. */
const figures = (registered: number, closed: number, closureRate: number | null, onTimeClosureRate: number | null, reworkRate: number | null, postponementRate: number | null, avgHandlingHours: number | null) =>
  ({ registered, closed, closureRate, onTimeClosureRate, reworkRate, postponementRate, avgHandlingHours });

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('case reports', () => {
  let s: SecuredApp;
  const get = async (query: string, role: Role = 'leader') => request(s.app).get(`/api/reports/cases?${query}`).set('Cookie', await s.cookieFor(role));
  const rowsOf = (body: { rows: { key: string | null; label: { zh: string } }[] }) =>
    body.rows.map((r) => [r.key, r.label.zh, figures(...(['registered', 'closed', 'closureRate', 'onTimeClosureRate', 'reworkRate', 'postponementRate', 'avgHandlingHours'] as const).map((k) => (r as unknown as Record<string, number | null>)[k]) as Parameters<typeof figures>)]);

  beforeAll(async () => {
    s = await createCasesApp();
    // A: closed on time; B: closed late after one rework; C: handling, postponed (all sanitation, dirty street at Hefang Street)
    const a = await caseIn(s, 'closed');
    const b = await caseIn(s, 'feedback');
    await act(s, 'inspector', b, 'rework', { note: '未清理干净' });
    await uploadPhotos(s, 'handler', b, 'after');
    await act(s, 'handler', b, 'feedback', { note: '已清理' });
    await act(s, 'supervisor', b, 'close');
    const c = await caseIn(s, 'handling');
    const deadline = s.db.prepare('SELECT deadline FROM cases WHERE id = ?').pluck().get(c) as string;
    await act(s, 'dispatcher', c, 'postpone', { reason: '等待配件', until: new Date(Date.parse(deadline) + 86_400_000).toISOString() });
    // D: registered, then voided (no department)
    const d = await caseIn(s, 'registered');
    await act(s, 'supervisor', d, 'void', { reason: '误报' });
    // E: registered at Qingbo Gate in April, a vendor case (no department)
    const e = await caseIn(s, 'registered', { ...QINGBO_GATE, category: 'E04-01', description: '清波门游商' });
    // G: a manhole cover dispatched to the municipal works, not handled yet
    const g = await caseIn(s, 'registered', { category: 'C01-02', description: '井盖破损' });
    expect((await act(s, 'dispatcher', g, 'dispatch', { department: 'municipal' })).status).toBe(200);
    // F: reported only (not registered: in no report)
    expect((await fileCase(s, { description: '未立案' })).status).toBe(201);

    const move = s.db.prepare('UPDATE cases SET registered_at = ?, dispatched_at = ?, feedback_at = ?, deadline = ? WHERE id = ?');
    const register = s.db.prepare('UPDATE cases SET registered_at = ? WHERE id = ?');
    for (const id of [c, d]) register.run(local('2011-03-07 08:40'), id);
    register.run(local('2011-03-08 10:00'), g);
    register.run(local('2011-04-02 10:00'), e);
    // 09:00 → 10:00 is 60 working minutes; 09:00 → 14:00 is 210 (office hours 08:30–12:00, 13:30–17:30)
    move.run(local('2011-03-07 08:40'), local('2011-03-07 09:00'), local('2011-03-07 10:00'), local('2011-03-07 11:00'), a);
    move.run(local('2011-03-07 08:40'), local('2011-03-07 09:00'), local('2011-03-07 14:00'), local('2011-03-07 11:00'), b);
  });

  it('groups by department, with a total row; rates over (due − postponed and open)', async () => {
    const res = await get(`groupBy=department&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ groupBy: 'department', fromDate: '2011-03-01', toDate: '2011-04-30' });
    expect(rowsOf(res.body)).toEqual([
      ['municipal', '市政所', figures(1, 0, 0, 0, null, 0, null)],
      ['sanitation', '环卫所', figures(3, 2, 1, 0.5, 0.5, 0.3333, 2.25)],
      [null, '未指定', figures(2, 0, 0, 0, null, 0, null)],
    ]);
    expect(res.body.total).toMatchObject(figures(6, 2, 0.5, 0.25, 0.5, 0.2, 2.25));
  });

  it('groups by month, community, grid and category', async () => {
    const march = figures(5, 2, 0.6667, 0.3333, 0.5, 0.25, 2.25);
    const april = figures(1, 0, 0, 0, null, 0, null);
    expect(rowsOf((await get(`groupBy=month&${PERIOD}`)).body)).toEqual([['2011-03', '2011-03', march], ['2011-04', '2011-04', april]]);
    expect(rowsOf((await get(`groupBy=community&${PERIOD}`)).body)).toEqual([['330102001051', '清波门社区', april], ['330102001055', '清河坊社区', march]]);
    expect(rowsOf((await get(`groupBy=grid&${PERIOD}`)).body).map(([key, , f]) => [key, f])).toEqual([['330102001051051', april], ['330102001055013', march]]);
    expect(rowsOf((await get(`groupBy=category&${PERIOD}`)).body).map(([key, , f]) => [key, f])).toEqual([
      ['C01-02', figures(1, 0, 0, 0, null, 0, null)],
      ['E01-03', figures(4, 2, 1, 0.5, 0.5, 0.3333, 2.25)],
      ['E04-01', april],
    ]);
    // the period is of local days: 1–7 March holds nothing but the cases registered on 7 March
    expect((await get('groupBy=month&from=2011-03-07&to=2011-03-07')).body.total.registered).toBe(4);
    expect((await get('from=2011-05-01&to=2011-05-31')).body).toMatchObject({ rows: [], total: { registered: 0, closureRate: null } });
  });

  it('gives a handler its own department\'s cases only, and refuses planners and inspectors', async () => {
    const own = await get(`groupBy=department&${PERIOD}`, 'handler');
    expect(own.status).toBe(200);
    expect(own.body.department).toBe('sanitation');
    expect(rowsOf(own.body).map(([key]) => key)).toEqual(['sanitation']);
    expect(own.body.total).toMatchObject(figures(3, 2, 1, 0.5, 0.5, 0.3333, 2.25));
    expect((await get(`groupBy=community&${PERIOD}`, 'handler')).body.total.registered).toBe(3);
    for (const role of ['supervisor', 'dispatcher', 'admin'] as const) expect((await get(PERIOD, role)).body.total.registered).toBe(6);
    expect((await get(PERIOD, 'planner')).status).toBe(403);
    expect((await get(PERIOD, 'inspector')).status).toBe(403);
    expect((await request(s.app).get(`/api/reports/cases?${PERIOD}`)).status).toBe(401);
  });

  it.each([
    ['2026-02-30 (no such day)', 'from=2026-02-30&to=2026-03-31', 'from'],
    ['29 February of a common year', 'from=2025-01-01&to=2025-02-29', 'to'],
    ['a day and time', 'from=2011-03-01T00:00:00Z&to=2011-04-30', 'from'],
    ['no start', 'to=2011-04-30', 'from'],
    ['an end before the start', 'from=2011-04-30&to=2011-03-01', 'to'],
    ['more than ten years', 'from=2011-01-01&to=2021-01-01', 'to'],
    ['an unknown grouping', `groupBy=inspector&${PERIOD}`, 'groupBy'],
    ['an unknown format', `format=pdf&${PERIOD}`, 'format'],
    ['an unknown parameter', `community=330102001055&${PERIOD}`, '(query)'],
  ])('refuses %s with a 400 naming the parameter', async (_label, query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('takes ten years at most', async () => {
    expect((await get('from=2011-01-01&to=2020-12-31')).body.total.registered).toBe(6);
  });

  it('downloads CSV: a header row, percentages, a file name in Chinese (RFC 5987) and formula-safe text', async () => {
    const res = await get(`groupBy=department&${PERIOD}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="case-report-department-2011-03-01-2011-04-30.csv"; filename*=UTF-8''${encodeURIComponent('案件统计报表-按部门-2011-03-01至2011-04-30.csv')}`,
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFF编码,部门,立案数,结案数,结案率 (%),按期结案率 (%),返工率 (%),延期率 (%),平均处置时长（工作小时）');
    expect(lines[2]).toBe('sanitation,环卫所,3,2,100.00,50.00,50.00,33.33,2.25');
    expect(lines[4]).toBe(',合计,6,2,50.00,25.00,50.00,20.00,2.25');
    const en = await get(`groupBy=month&${PERIOD}&format=csv&lang=en`);
    expect(en.text.split('\r\n')[0]).toBe('\uFEFFCode,Month,Registered,Closed,Closure rate (%),On-time closure rate (%),Rework rate (%),Postponement rate (%),Avg handling time (working hours)');

    const renamed = await request(s.app).put('/api/cases/categories/C01-02').set('Cookie', await s.cookieFor('admin')).send({ name: { zh: '=HYPERLINK("http://x")', en: '+cmd' } });
    expect(renamed.status).toBe(200);
    const byCategory = (await get(`groupBy=category&${PERIOD}&format=csv`)).text.split('\r\n');
    expect(byCategory[1]).toBe('C01-02,"\'=HYPERLINK(""http://x"")",1,0,0.00,0.00,,0.00,');
  });

  it('downloads a real workbook: titled sheet, header row, percent formats, column widths', async () => {
    const res = await request(s.app).get(`/api/reports/cases?groupBy=department&${PERIOD}&format=xlsx`).set('Cookie', await s.cookieFor('supervisor')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('案件统计报表-按部门-2011-03-01至2011-04-30.xlsx')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ExcelJS.Buffer);
    const sheet = book.getWorksheet('案件按部门')!;
    expect(sheet).toBeDefined();
    expect(sheet.getCell('A1').value).toBe('案件统计报表 按部门 2011-03-01 至 2011-04-30');
    expect(sheet.getRow(2).values).toEqual([undefined, '编码', '部门', '立案数', '结案数', '结案率', '按期结案率', '返工率', '延期率', '平均处置时长（工作小时）']);
    expect(sheet.getCell('B4').value).toBe('环卫所');
    expect(sheet.getCell('C4').value).toBe(3);
    expect(sheet.getCell('E4').value).toBe(1);
    expect(sheet.getCell('F4').value).toBe(0.5);
    expect(sheet.getCell('F4').numFmt).toBe('0.00%');
    expect(sheet.getCell('I4').value).toBe(2.25);
    expect(sheet.getCell('G3').value).toBeNull();
    expect(sheet.getCell('B6').value).toBe('合计');
    expect(sheet.getCell('B6').font?.bold).toBe(true);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);

    const handler = await request(s.app).get(`/api/reports/cases?groupBy=month&${PERIOD}&format=xlsx&lang=en`).set('Cookie', await s.cookieFor('handler')).buffer(true).parse(binary);
    const own = new ExcelJS.Workbook();
    await own.xlsx.load(handler.body as ExcelJS.Buffer);
    expect(own.worksheets[0]!.name).toBe('Cases by month');
    expect(own.worksheets[0]!.getCell('A1').value).toBe('Case report by month 2011-03-01 to 2011-04-30 (Sanitation only)');
    expect(handler.headers['content-disposition']).toContain('filename="case-report-month-2011-03-01-2011-04-30-sanitation.xlsx"');
  });
});
