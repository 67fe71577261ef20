import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { POLICY, findPolicy, type Policy } from '../../server/src/auth/policy';
import { listRoutes } from '../../server/src/auth/routes';
import { ROLES, type Role } from '../../server/src/contracts/auth';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

const SAMPLE: Record<string, string> = { id: 'garbage-rooms', layers: 'garbage-rooms', z: '14', x: '13660', y: '6746', name: 'console', action: 'register', code: 'C01-01', photoId: '1', format: 'json', token: 'x' };

/** A concrete URL for a policy path, with sample values for its parameters. */
function sampleUrl(path: string, featureId: number): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => (name === 'featureId' ? String(featureId) : SAMPLE[name] ?? 'x')).replace('*file', 'index.js');
}

const writes = POLICY.filter((p): p is Policy & { path: string } => p.method !== 'GET' && typeof p.path === 'string');
const roleOnly = POLICY.filter((p): p is Policy & { path: string; allow: readonly Role[] } => Array.isArray(p.allow) && typeof p.path === 'string');

let secured: SecuredApp;
let featureId: number;

beforeAll(async () => {
  secured = await createSecuredApp();
  featureId = (await request(secured.app).get('/ogc/collections/garbage-rooms/items?limit=1')).body.features[0].id;
});

describe('the policy table', () => {
  it('covers every route of the app (a new route without a row fails here)', () => {
    const routes = listRoutes(secured.app.express);
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => {
      if (r.path instanceof RegExp) return !POLICY.some((p) => p.method === r.method && p.path instanceof RegExp && p.path.source === (r.path as RegExp).source);
      return !findPolicy(r.method, sampleUrl(r.path, 1));
    });
    expect(missing).toEqual([]);
  });

  it('answers 404 for a request that no row covers', async () => {
    const res = await request(secured.app).post('/api/layers').send({});
    expect(res.status).toBe(404);
  });
});

describe.each(writes)('$method $path', (policy) => {
  it('is refused without a session (401)', async () => {
    const res = await request(secured.app)[policy.method.toLowerCase() as 'post'](sampleUrl(policy.path, featureId)).send({});
    if (policy.allow === 'public') expect(res.status).not.toBe(401);
    else expect(res.status).toBe(401);
  });
});

describe.each(roleOnly)('$method $path (roles: $allow)', (policy) => {
  const denied = ROLES.filter((r) => !policy.allow.includes(r));
  it.each(denied)('is refused for role %s (403)', async (role) => {
    const cookie = await secured.cookieFor(role);
    const res = await request(secured.app)[policy.method.toLowerCase() as 'get'](sampleUrl(policy.path, featureId)).set('Cookie', cookie).send({});
    expect(res.status).toBe(403);
  });
  it.each([...policy.allow])('is let through for role %s', async (role) => {
    const cookie = await secured.cookieFor(role);
    const res = await request(secured.app)[policy.method.toLowerCase() as 'get'](sampleUrl(policy.path, featureId)).set('Cookie', cookie).send({});
    expect([401, 403]).not.toContain(res.status);
  });
});

describe('with public read access switched off', () => {
  let closed: SecuredApp;
  beforeAll(async () => {
    closed = await createSecuredApp({ publicRead: false });
  });
  const reads = POLICY.filter((p): p is Policy & { path: string } => p.allow === 'read' && typeof p.path === 'string');

  it.each(reads.map((p) => p.path))('GET %s needs a session', async (path) => {
    const url = sampleUrl(path, featureId);
    expect((await request(closed.app).get(url)).status).toBe(401);
    const res = await request(closed.app).get(url).set('Cookie', await closed.cookieFor('leader'));
    expect([401, 403]).not.toContain(res.status);
  });

  it('still serves the login page and the client shell', async () => {
    expect((await request(closed.app).get('/api/health')).status).toBe(200);
    expect([200, 503]).toContain((await request(closed.app).get('/login')).status);
  });
});
