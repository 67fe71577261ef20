/**
 * The console's page routes (vue-router path syntax, as in client/src/app/router.ts), without
 * the client's catch-all. The server answers these paths with the app's index.html and every
 * other path outside its APIs with a 404, so the two lists must agree: a test compares them.
 */
export const CLIENT_PAGE_PATHS = [
  '/',
  '/map',
  '/preview/:style(console|overview)',
  '/overview',
  '/login',
  '/cases',
  '/cases/new',
  '/cases/:id(\\d+|QB\\d{4}-\\d{6})',
  '/reports',
  '/reports/appraisal',
  '/admin/audit',
  '/admin/categories',
  '/admin/calendar',
  '/admin/webhooks',
  '/forbidden',
  '/tokens',
] as const;

/** A RegExp matching the paths of the console's pages (a trailing slash allowed). */
export function clientPagesPattern(paths: readonly string[] = CLIENT_PAGE_PATHS): RegExp {
  // a parameter is `:name` (one segment) or `:name(regex)`, whose regex may hold one level of groups
  const alternatives = paths
    .filter((p) => p !== '/')
    .map((p) => p.replace(/:\w+(\(((?:[^()]|\([^()]*\))*)\))?/g, (_m, group: string | undefined, inner: string | undefined) => (group ? `(?:${inner})` : '[^/]+')));
  return new RegExp(`^(?:/|(?:${alternatives.join('|')})/?)$`);
}
