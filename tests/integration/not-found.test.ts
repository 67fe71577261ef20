import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { CLIENT_PAGE_PATHS } from '@shared/client-pages';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
beforeAll(async () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app shell</title>');
  s = await createSecuredApp({ clientDist: dist });
});

describe('paths outside the app', () => {
  it.each([
    '/wms?service=WMS&request=GetCapabilities',
    '/foo.php',
    '/wp-login.php',
    '/.env',
    '/admin',
    '/cases/not-a-case',
    '/preview/nope',
  ])('%s answers a plain 404, not the app page', async (url) => {
    const res = await request(s.app).get(url);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).not.toContain('app shell');
  });

  it.each(['/api/x', '/ogc/nothing', '/tiles/x', '/styles/x'])('%s (an API) answers a JSON 404', async (url) => {
    const res = await request(s.app).get(url);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('gives a browser navigating there the app\'s page with status 404 (its not-found view)', async () => {
    for (const url of ['/preview/satellite', '/foo.php']) {
      const res = await request(s.app).get(url).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(res.status, url).toBe(404);
      expect(res.text).toContain('app shell');
    }
  });

  it('answers JSON to a client that asks for it', async () => {
    const res = await request(s.app).get('/wms').set('Accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it.each(['/', '/map', '/map/', '/login', '/cases', '/cases/new', '/cases/12', '/cases/QB2026-000001', '/preview/overview', '/admin/audit', '/tokens'])('%s is the app page', async (url) => {
    const res = await request(s.app).get(url);
    expect(res.status).toBe(200);
    expect(res.text).toContain('app shell');
  });
});

describe('the list of the app\'s pages', () => {
  it('is the client\'s route table, less its catch-all', () => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'client/src/app/router.ts'), 'utf8');
    const routes = [...source.matchAll(/\bpath: '([^']+)'/g)].map((m) => m[1]!.replace(/\\\\/g, '\\')).filter((p) => !p.startsWith('/:pathMatch'));
    expect(routes.length).toBeGreaterThan(8);
    expect([...routes].sort()).toEqual([...CLIENT_PAGE_PATHS].sort());
  });
});
