import { match } from 'path-to-regexp';
import { CASE_DISPATCHERS, CASE_FILERS, CASE_STAFF, CASE_WORKERS, EDITORS, type Role } from '@shared/auth';
import { OVERVIEW_ROLES } from '@shared/overview';
import { REPORT_ROLES } from '@shared/report-constants';
import { clientPagesPattern } from '@shared/client-pages';

/**
 * Who may call a route: everyone (`public`), everyone when public read access
 * is on and any signed-in user otherwise (`read`), any signed-in user
 * (`signed-in`), or the listed roles.
 */
export type Access = 'public' | 'read' | 'signed-in' | readonly Role[];

/** One row of the policy table. */
export interface Policy {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An Express path pattern, or a RegExp for the client's pages. */
  path: string | RegExp;
  allow: Access;
}

/** Paths of the client's pages (its route table, `@shared/client-pages`); any other path outside the APIs is a 404. */
export const CLIENT_PAGES = clientPagesPattern();

/**
 * The route × role table, enforced by one middleware for every request. A
 * request that no row matches is answered 404: a new route is unreachable
 * until it has a row here (and the security suite fails until then).
 */
export const POLICY: readonly Policy[] = [
  { method: 'GET', path: '/api/health', allow: 'public' },
  { method: 'POST', path: '/api/auth/login', allow: 'public' },
  { method: 'POST', path: '/api/auth/logout', allow: 'public' },
  { method: 'GET', path: '/api/auth/me', allow: 'public' },
  { method: 'POST', path: '/api/auth/users/:username/unlock', allow: ['admin'] },
  /** Personal access tokens: one's own (an admin's: anyone's, checked by the token service). */
  { method: 'GET', path: '/api/auth/tokens', allow: 'signed-in' },
  { method: 'POST', path: '/api/auth/tokens', allow: 'signed-in' },
  { method: 'DELETE', path: '/api/auth/tokens/:tokenId', allow: 'signed-in' },
  { method: 'GET', path: '/api/layers', allow: 'read' },
  { method: 'GET', path: '/api/layers/:layerId/features/:featureId/photos', allow: 'read' },
  { method: 'POST', path: '/api/layers/:layerId/features/:featureId/photos', allow: EDITORS },
  { method: 'GET', path: '/api/layers/:layerId/features/:featureId/photos/:photoId', allow: 'read' },
  { method: 'GET', path: '/api/layers/:layerId/features/:featureId/photos/:photoId/thumb', allow: 'read' },
  { method: 'DELETE', path: '/api/layers/:layerId/features/:featureId/photos/:photoId', allow: EDITORS },
  { method: 'POST', path: '/api/layers/:layerId/import', allow: EDITORS },
  { method: 'GET', path: '/api/indicators', allow: 'read' },
  { method: 'GET', path: '/api/audit', allow: ['admin'] },
  { method: 'GET', path: '/api/cases', allow: CASE_STAFF },
  { method: 'POST', path: '/api/cases', allow: CASE_FILERS },
  { method: 'GET', path: '/api/cases/queues', allow: CASE_STAFF },
  { method: 'GET', path: '/api/cases/duplicates', allow: ['admin', 'inspector', 'supervisor', 'dispatcher'] },
  { method: 'GET', path: '/api/cases/locate', allow: CASE_WORKERS },
  { method: 'GET', path: '/api/cases/categories', allow: 'signed-in' },
  { method: 'POST', path: '/api/cases/categories', allow: ['admin'] },
  { method: 'PUT', path: '/api/cases/categories/:code', allow: ['admin'] },
  { method: 'GET', path: '/api/cases/kpis', allow: CASE_STAFF },
  { method: 'POST', path: '/api/cases/dispatch', allow: CASE_DISPATCHERS },
  { method: 'GET', path: '/api/cases/:id', allow: CASE_STAFF },
  { method: 'POST', path: '/api/cases/:id/actions/:action', allow: CASE_WORKERS },
  { method: 'POST', path: '/api/cases/:id/photos', allow: ['admin', 'inspector', 'supervisor', 'handler'] },
  { method: 'GET', path: '/api/cases/:id/photos/:photoId', allow: CASE_STAFF },
  { method: 'GET', path: '/api/cases/:id/photos/:photoId/thumb', allow: CASE_STAFF },
  { method: 'POST', path: '/api/photos/exif', allow: CASE_FILERS },
  { method: 'GET', path: '/api/events', allow: 'read' },
  /** One's own in-app notifications; outbound webhooks are the admins'. */
  { method: 'GET', path: '/api/notifications', allow: 'signed-in' },
  { method: 'POST', path: '/api/notifications/read', allow: 'signed-in' },
  { method: 'GET', path: '/api/notifications/webhooks', allow: ['admin'] },
  { method: 'POST', path: '/api/notifications/webhooks', allow: ['admin'] },
  { method: 'DELETE', path: '/api/notifications/webhooks/:id', allow: ['admin'] },
  { method: 'GET', path: '/api/overview', allow: OVERVIEW_ROLES },
  /** Case reports (KPI tables, CSV, xlsx); a handler's hold its own department's cases only. */
  { method: 'GET', path: '/api/reports/cases', allow: REPORT_ROLES },
  /** The working calendar: case staff read it (deadlines), admins edit a year. */
  { method: 'GET', path: '/api/calendar', allow: CASE_STAFF },
  { method: 'GET', path: '/api/calendar/:year', allow: CASE_STAFF },
  { method: 'PUT', path: '/api/calendar/:year', allow: ['admin'] },
  { method: 'GET', path: '/open311/discovery.:format', allow: 'read' },
  { method: 'GET', path: '/open311/v2/services.:format', allow: 'read' },
  { method: 'GET', path: '/open311/v2/services/:code.:format', allow: 'read' },
  { method: 'GET', path: '/open311/v2/requests.:format', allow: 'read' },
  { method: 'GET', path: '/open311/v2/requests/:id.:format', allow: 'read' },
  { method: 'GET', path: '/open311/v2/tokens/:token.:format', allow: 'read' },
  /** Open to any client with a valid api_key (checked by the Open311 router: 403 otherwise). */
  { method: 'POST', path: '/open311/v2/requests.:format', allow: 'public' },
  { method: 'GET', path: '/ogc', allow: 'read' },
  { method: 'GET', path: '/ogc/conformance', allow: 'read' },
  { method: 'GET', path: '/ogc/api', allow: 'read' },
  { method: 'GET', path: '/ogc/api.html', allow: 'read' },
  { method: 'GET', path: '/ogc/collections', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id/schema', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id/queryables', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id/items', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id/items/:featureId', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id/tiles', allow: 'read' },
  { method: 'GET', path: '/ogc/collections/:id/tiles/:tileMatrixSetId', allow: 'read' },
  /** OGC API – Tiles: the tiles themselves are served by the tile fast path, which checks read access itself. */
  { method: 'GET', path: '/ogc/collections/:id/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol', allow: 'read' },
  { method: 'GET', path: '/ogc/tileMatrixSets', allow: 'read' },
  { method: 'GET', path: '/ogc/tileMatrixSets/:tileMatrixSetId', allow: 'read' },
  { method: 'GET', path: '/ogc/tiles', allow: 'read' },
  { method: 'GET', path: '/ogc/tiles/:tileMatrixSetId', allow: 'read' },
  { method: 'GET', path: '/ogc/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol', allow: 'read' },
  { method: 'GET', path: '/ogc/styles', allow: 'read' },
  { method: 'POST', path: '/ogc/collections/:id/items', allow: EDITORS },
  { method: 'PUT', path: '/ogc/collections/:id/items/:featureId', allow: EDITORS },
  { method: 'PATCH', path: '/ogc/collections/:id/items/:featureId', allow: EDITORS },
  { method: 'DELETE', path: '/ogc/collections/:id/items/:featureId', allow: EDITORS },
  { method: 'GET', path: '/tiles/:layers.json', allow: 'read' },
  { method: 'GET', path: '/tiles/:layers/:z/:x/:y.mvt', allow: 'read' },
  { method: 'GET', path: '/styles/:name.json', allow: 'read' },
  { method: 'GET', path: CLIENT_PAGES, allow: 'public' },
  { method: 'GET', path: '/assets/*file', allow: 'public' },
  { method: 'GET', path: '/favicon.svg', allow: 'public' },
  /** The service worker that lets inspectors open the app and file cases offline. */
  { method: 'GET', path: '/sw.js', allow: 'public' },
];

const compiled = POLICY.map((p) => ({
  policy: p,
  test: typeof p.path === 'string' ? match(p.path, { decode: false }) : (path: string) => (p.path as RegExp).test(path),
}));

/** The policy row for a request, or undefined when none matches. HEAD follows GET. */
export function findPolicy(method: string, path: string): Policy | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return compiled.find((c) => c.policy.method === m && c.test(path) !== false)?.policy;
}
