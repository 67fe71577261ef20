import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_PAGES, POLICY, findPolicy } from '../../server/src/auth/policy';
import { listRoutes } from '../../server/src/auth/routes';
import { ROLES, type Role } from '@shared/auth';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

/**
 * Who may call a route, written out by hand from what the product means (README "Accounts" and the
 * digital city-management workflow of GB/T 30428), not read from the policy table: `public` (anyone), `read` (anyone
 * while public read access is on, else any signed-in user), `signed-in`, or the roles.
 */
type Who = 'public' | 'read' | 'signed-in' | string;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const EVERYONE_BUT_PLANNER = 'admin inspector supervisor dispatcher handler leader';

const MATRIX: readonly (readonly [Method, string | RegExp, Who])[] = [
  ['GET', '/api/health', 'public'],
  ['POST', '/api/auth/login', 'public'],
  ['POST', '/api/auth/logout', 'public'],
  ['GET', '/api/auth/me', 'public'],
  ['POST', '/api/auth/users/:username/unlock', 'admin'],
  // personal access tokens: everyone manages their own (an admin anyone's, checked by the service)
  ['GET', '/api/auth/tokens', 'signed-in'],
  ['POST', '/api/auth/tokens', 'signed-in'],
  ['DELETE', '/api/auth/tokens/:tokenId', 'signed-in'],
  ['GET', '/api/layers', 'read'],
  ['GET', '/api/layers/:layerId/features/:featureId/photos', 'read'],
  ['POST', '/api/layers/:layerId/features/:featureId/photos', 'admin planner'],
  ['GET', '/api/layers/:layerId/features/:featureId/photos/:photoId', 'read'],
  ['GET', '/api/layers/:layerId/features/:featureId/photos/:photoId/thumb', 'read'],
  ['DELETE', '/api/layers/:layerId/features/:featureId/photos/:photoId', 'admin planner'],
  ['POST', '/api/layers/:layerId/import', 'admin planner'],
  ['GET', '/api/indicators', 'read'],
  ['GET', '/api/audit', 'admin'],
  ['GET', '/api/cases', EVERYONE_BUT_PLANNER],
  ['POST', '/api/cases', 'admin inspector supervisor'],
  ['GET', '/api/cases/queues', EVERYONE_BUT_PLANNER],
  ['GET', '/api/cases/duplicates', 'admin inspector supervisor dispatcher'],
  ['GET', '/api/cases/locate', 'admin inspector supervisor dispatcher handler'],
  ['GET', '/api/cases/categories', 'signed-in'],
  ['POST', '/api/cases/categories', 'admin'],
  ['PUT', '/api/cases/categories/:code', 'admin'],
  ['GET', '/api/cases/kpis', EVERYONE_BUT_PLANNER],
  ['POST', '/api/cases/dispatch', 'admin dispatcher'],
  ['GET', '/api/cases/:id', EVERYONE_BUT_PLANNER],
  ['POST', '/api/cases/:id/actions/:action', 'admin inspector supervisor dispatcher handler'],
  ['POST', '/api/cases/:id/photos', 'admin inspector supervisor handler'],
  ['GET', '/api/cases/:id/photos/:photoId', EVERYONE_BUT_PLANNER],
  ['GET', '/api/cases/:id/photos/:photoId/thumb', EVERYONE_BUT_PLANNER],
  ['POST', '/api/photos/exif', 'admin inspector supervisor'],
  ['GET', '/api/events', 'read'],
  // one's own notifications; the outbound webhooks are the admins'
  ['GET', '/api/notifications', 'signed-in'],
  ['POST', '/api/notifications/read', 'signed-in'],
  ['GET', '/api/notifications/webhooks', 'admin'],
  ['POST', '/api/notifications/webhooks', 'admin'],
  ['DELETE', '/api/notifications/webhooks/:id', 'admin'],
  ['GET', '/api/overview', 'admin supervisor dispatcher leader'],
  ['GET', '/api/reports/cases', 'admin supervisor dispatcher handler leader'],
  // the working calendar: whoever sees deadlines reads it, only an admin changes a year
  ['GET', '/api/calendar', EVERYONE_BUT_PLANNER],
  ['GET', '/api/calendar/:year', EVERYONE_BUT_PLANNER],
  ['PUT', '/api/calendar/:year', 'admin'],
  ['GET', '/open311/discovery.:format', 'read'],
  ['GET', '/open311/v2/services.:format', 'read'],
  ['GET', '/open311/v2/services/:code.:format', 'read'],
  ['GET', '/open311/v2/requests.:format', 'read'],
  ['GET', '/open311/v2/requests/:id.:format', 'read'],
  ['GET', '/open311/v2/tokens/:token.:format', 'read'],
  ['POST', '/open311/v2/requests.:format', 'public'],
  ['GET', '/ogc', 'read'],
  ['GET', '/ogc/conformance', 'read'],
  ['GET', '/ogc/api', 'read'],
  ['GET', '/ogc/api.html', 'read'],
  ['GET', '/ogc/collections', 'read'],
  ['GET', '/ogc/collections/:id', 'read'],
  ['GET', '/ogc/collections/:id/schema', 'read'],
  ['GET', '/ogc/collections/:id/queryables', 'read'],
  ['GET', '/ogc/collections/:id/items', 'read'],
  ['GET', '/ogc/collections/:id/items/:featureId', 'read'],
  ['GET', '/ogc/collections/:id/tiles', 'read'],
  ['GET', '/ogc/collections/:id/tiles/:tileMatrixSetId', 'read'],
  ['GET', '/ogc/collections/:id/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol', 'read'],
  ['GET', '/ogc/tileMatrixSets', 'read'],
  ['GET', '/ogc/tileMatrixSets/:tileMatrixSetId', 'read'],
  ['GET', '/ogc/tiles', 'read'],
  ['GET', '/ogc/tiles/:tileMatrixSetId', 'read'],
  ['GET', '/ogc/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol', 'read'],
  ['GET', '/ogc/styles', 'read'],
  ['POST', '/ogc/collections/:id/items', 'admin planner'],
  ['PUT', '/ogc/collections/:id/items/:featureId', 'admin planner'],
  ['PATCH', '/ogc/collections/:id/items/:featureId', 'admin planner'],
  ['DELETE', '/ogc/collections/:id/items/:featureId', 'admin planner'],
  ['GET', '/tiles/:layers.json', 'read'],
  ['GET', '/tiles/:layers/:z/:x/:y.mvt', 'read'],
  ['GET', '/styles/:name.json', 'read'],
  ['GET', CLIENT_PAGES, 'public'],
  ['GET', '/assets/*file', 'public'],
  ['GET', '/favicon.svg', 'public'],
  ['GET', '/sw.js', 'public'],
];

/** The roles a matrix entry lets through; a word that is not a role fails the test. */
function rolesOf(who: Who): readonly Role[] {
  if (who === 'public' || who === 'read' || who === 'signed-in') return ROLES;
  return who.split(' ').map((word) => {
    if (!(ROLES as readonly string[]).includes(word)) throw new Error(`"${word}" is not a role`);
    return word as Role;
  });
}

const SAMPLE: Record<string, string> = { id: 'garbage-rooms', layers: 'garbage-rooms', z: '14', x: '13660', y: '6746', name: 'console', action: 'register', code: 'C01-01', photoId: '1', format: 'json', token: 'x', tileMatrixSetId: 'WebMercatorQuad', tileMatrix: '14', tileRow: '6746', tileCol: '13660', tokenId: '999' };

/** A concrete URL for a matrix path, with sample values for its parameters (a client page for the pattern). */
function sampleUrl(path: string | RegExp, featureId: number): string {
  if (path instanceof RegExp) return '/cases/new';
  return path.replace(/:(\w+)/g, (_m, name: string) => (name === 'featureId' ? String(featureId) : SAMPLE[name] ?? 'x')).replace('*file', 'index.js');
}

const rows = MATRIX.map(([method, path, who]) => ({ method, path, who, label: `${method} ${String(path)} (${who})` }));
type Row = (typeof rows)[number];

/** Rows as `[label, row]` cases, so that test names show the whole label. */
const cases = (selected: readonly Row[]) => selected.map((r) => [r.label, r] as const);

/** Sends a row's request; the Open311 filing carries the demo api_key so that only the policy can refuse it. */
function send(app: SecuredApp, row: Row, featureId: number, cookie?: string) {
  const req = request(app.app)[row.method.toLowerCase() as 'get'](sampleUrl(row.path, featureId));
  if (cookie) req.set('Cookie', cookie);
  if (row.path === '/open311/v2/requests.:format') return req.type('form').send({ api_key: DEMO_API_KEY });
  return req.send({});
}

/** An app with the demo api_key; sign-in throttling is lifted because every role signs in here. */
async function appFor(publicRead: boolean): Promise<SecuredApp> {
  const app = await createSecuredApp({ publicRead, loginAttemptsPerMinute: 1000 });
  seedDemoApiKey(app.db);
  return app;
}

let secured: SecuredApp;
/** Takes the sign-out requests: signing out ends the sessions that `secured` reuses. */
let signOuts: SecuredApp;
let featureId: number;

beforeAll(async () => {
  [secured, signOuts] = await Promise.all([appFor(true), appFor(true)]);
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

  it('has exactly one matrix row per policy row (a new row needs a hand-written entry here)', () => {
    const key = (method: string, path: string | RegExp) => `${method} ${String(path)}`;
    expect(rows.map((r) => key(r.method, r.path)).sort()).toEqual(POLICY.map((p) => key(p.method, p.path)).sort());
    expect(new Set(rows.map((r) => key(r.method, r.path))).size).toBe(rows.length);
  });

  it('names only real roles in the matrix', () => {
    for (const row of rows) expect(() => rolesOf(row.who)).not.toThrow();
  });
});

describe.each(cases(rows))('%s', (_label, row) => {
  const allowed = rolesOf(row.who);
  const open = row.who === 'public' || row.who === 'read';

  it(open ? 'is open without a session' : 'is refused without a session (401)', async () => {
    const res = await send(secured, row, featureId);
    if (open) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(401);
  });

  it.each(ROLES.map((role) => [role, allowed.includes(role)] as const))('role %s may call it: %s', async (role, may) => {
    const app = row.path === '/api/auth/logout' ? signOuts : secured;
    const res = await send(app, row, featureId, await app.cookieFor(role));
    if (may) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(403);
  });
});

describe('with public read access switched off', () => {
  let closed: SecuredApp;
  beforeAll(async () => {
    closed = await appFor(false);
  });

  describe.each(cases(rows.filter((r) => r.who === 'read')))('%s', (_label, row) => {
    it('needs a session (401)', async () => {
      expect((await send(closed, row, featureId)).status).toBe(401);
    });
    it.each([...ROLES])('is let through for role %s', async (role) => {
      const res = await send(closed, row, featureId, await closed.cookieFor(role));
      expect([401, 403]).not.toContain(res.status);
    });
  });

  it.each(cases(rows.filter((r) => r.who === 'public')))('%s stays open without a session', async (_label, row) => {
    expect([401, 403]).not.toContain((await send(closed, row, featureId)).status);
  });

  it('still serves the login page and the client shell', async () => {
    expect((await request(closed.app).get('/api/health')).status).toBe(200);
    expect([200, 503]).toContain((await request(closed.app).get('/login')).status);
  });
});
