import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { isPostgres } from '../../server/src/db/database';
import { createCasesApp, fileCase } from '../helpers/cases';
import type { SecuredApp } from '../helpers/session';

let s: SecuredApp;
beforeEach(async () => {
  s = await createCasesApp();
});

const list = async () => (await request(s.app).get('/api/cases/categories').set('Cookie', await s.cookieFor('admin'))).body.categories as { code: string; version: number; active: boolean; timeLimit: unknown }[];
const auditOf = async (code: string) =>
  ((await request(s.app).get('/api/audit?entity=case-category&limit=50').set('Cookie', await s.cookieFor('admin'))).body.entries as { action: string; entityId: string; summary: Record<string, unknown> }[])
    .filter((e) => e.entityId === code);
const put = async (code: string, body: unknown, ifMatch?: string) => {
  const req = request(s.app).put(`/api/cases/categories/${code}`).set('Cookie', await s.cookieFor('admin'));
  return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body as object);
};
const post = async (body: unknown) => request(s.app).post('/api/cases/categories').set('Cookie', await s.cookieFor('admin')).send(body as object);

const extension = { majorCode: 'C07', name: { zh: '智能垃圾桶', en: 'Smart litter bin' }, timeLimit: { value: 1, unit: 'wd' }, department: 'sanitation' };

describe('editing a category with ETags', () => {
  it('lists every category at version 1 and answers a change with the next ETag', async () => {
    const before = (await list()).find((c) => c.code === 'E01-03')!;
    expect(before.version).toBe(1);

    const res = await put('E01-03', { timeLimit: { value: 3, unit: 'wh' } }, '"category-E01-03-1"');

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"category-E01-03-2"');
    expect(res.body.category).toMatchObject({ code: 'E01-03', version: 2, timeLimit: { value: 3, unit: 'wh' } });
    expect((await list()).find((c) => c.code === 'E01-03')).toMatchObject({ version: 2, timeLimit: { value: 3, unit: 'wh' } });
  });

  it('refuses a stale If-Match with 412 and changes and audits nothing', async () => {
    expect((await put('E01-03', { department: 'municipal' }, '"category-E01-03-1"')).status).toBe(200);

    const stale = await put('E01-03', { timeLimit: { value: 9, unit: 'wd' } }, '"category-E01-03-1"');

    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'precondition_failed', details: { version: 2 } });
    expect((await list()).find((c) => c.code === 'E01-03')).toMatchObject({ version: 2, timeLimit: { value: 2, unit: 'wh' } });
    expect((await auditOf('E01-03')).map((e) => e.action)).toEqual(['update']);
  });

  it('disables and re-enables a category, each change audited with before and after', async () => {
    expect((await put('E06-01', { active: false })).body.category).toMatchObject({ active: false, version: 2 });
    expect((await fileCase(s, { category: 'E06-01' })).status).toBe(400);

    expect((await put('E06-01', { active: true }, '"category-E06-01-2"')).body.category).toMatchObject({ active: true, version: 3 });
    expect((await fileCase(s, { category: 'E06-01' })).status).toBe(201);

    const entries = await auditOf('E06-01');
    expect(entries.map((e) => e.summary.changed)).toEqual([{ active: [false, true] }, { active: [true, false] }]);
  });

  it('names the bad fields of a refused change', async () => {
    const res = await put('E01-03', { name: { zh: ' ', en: 'x' }, timeLimit: { value: 1001, unit: 'wh' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['name.zh', 'timeLimit.value']);
  });

  it('is for admins only', async () => {
    expect((await request(s.app).put('/api/cases/categories/E01-03').send({ active: false })).status).toBe(401);
    const res = await request(s.app).put('/api/cases/categories/E01-03').set('Cookie', await s.cookieFor('supervisor')).send({ active: false });
    expect(res.status).toBe(403);
    expect((await list()).find((c) => c.code === 'E01-03')).toMatchObject({ active: true, version: 1 });
  });
});

describe('adding a district extension category', () => {
  it('takes the next free code of the extension class, audited, and files cases in it', async () => {
    const res = await post(extension);

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/cases/categories/C07-04');
    expect(res.headers.etag).toBe('"category-C07-04-1"');
    expect(res.body.category).toEqual({
      code: 'C07-04', family: 'component', major: { code: 'C07', name: { zh: '扩展部件', en: expect.any(String) } },
      name: extension.name, timeLimit: { value: 1, unit: 'wd' }, department: 'sanitation', duplicateRadiusM: 50,
      extension: true, active: true, demo: false, version: 1,
    });
    const codes = (await list()).map((c) => c.code);
    expect(codes.indexOf('C07-04')).toBe(codes.indexOf('C07-03') + 1);
    expect(await auditOf('C07-04')).toMatchObject([{ action: 'create', summary: { after: { code: 'C07-04', name: extension.name } } }]);
    expect((await fileCase(s, { category: 'C07-04', description: '智能垃圾桶满溢' })).status).toBe(201);
  });

  it('takes a code the admin chooses, and refuses it a second time with 409', async () => {
    expect((await post({ ...extension, code: 'C07-20', duplicateRadiusM: 30 })).body.category).toMatchObject({ code: 'C07-20', duplicateRadiusM: 30 });

    const again = await post({ ...extension, code: 'C07-20' });

    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'category_exists', details: [{ field: 'code' }] });
  });

  it.each([
    [{ ...extension, majorCode: 'C01' }, 'majorCode', /standard catalogue/],
    [{ ...extension, majorCode: 'E42' }, 'majorCode', /does not exist/],
    [{ ...extension, code: 'C01-09' }, 'code', /major class/],
    [{ ...extension, department: 'police' }, 'department', /invalid body/],
    [{ ...extension, timeLimit: { value: 0, unit: 'wd' } }, 'timeLimit.value', /invalid body/],
    [{ ...extension, stages: [] }, '(body)', /invalid body/],
  ])('refuses a bad new category with 400 naming the field (%#)', async (body, field, message) => {
    const before = await list();

    const res = await post(body);

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await list()).toEqual(before);
  });

  it('is for admins only', async () => {
    expect((await request(s.app).post('/api/cases/categories').send(extension)).status).toBe(401);
    expect((await request(s.app).post('/api/cases/categories').set('Cookie', await s.cookieFor('dispatcher')).send(extension)).status).toBe(403);
    expect((await list()).some((c) => c.code === 'C07-04')).toBe(false);
  });

  it('writes nothing when the audit entry cannot be written (one transaction)', async () => {
    s.db.exec(isPostgres(s.db)
      ? `CREATE FUNCTION audit_refuses() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
         CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log FOR EACH ROW WHEN (new.entity = 'case-category') EXECUTE FUNCTION audit_refuses();`
      : "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_log WHEN new.entity = 'case-category' BEGIN SELECT RAISE(ABORT, 'audit refused'); END");

    expect((await post(extension)).status).toBe(500);
    expect((await put('E01-03', { active: false })).status).toBe(500);

    const after = await list();
    expect(after.some((c) => c.code === 'C07-04')).toBe(false);
    expect(after.find((c) => c.code === 'E01-03')).toMatchObject({ active: true, version: 1 });
  });
});
