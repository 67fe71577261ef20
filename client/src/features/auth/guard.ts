import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { loginLocation } from './redirect';
import { mayAccess, type SessionUser } from './roles';

/** Name of the "no access" (403) route. */
export const FORBIDDEN_ROUTE = 'forbidden';

/**
 * Where a navigation may go: on (`true`) when the user may see the route, else to the login
 * page (nobody signed in) or to the "no access" view (wrong role), both remembering the target.
 * A route without `meta.access` is open to no one.
 */
export function accessDecision(to: Pick<RouteLocationNormalized, 'fullPath' | 'meta'>, user: SessionUser | null): true | RouteLocationRaw {
  if (mayAccess(to.meta.access, user)) return true;
  if (!user) return loginLocation(to.fullPath);
  return { name: FORBIDDEN_ROUTE, query: { from: to.fullPath } };
}

/** The part of the session store the guard reads. */
export interface GuardSession {
  readonly user: SessionUser | null;
  ensureLoaded(): Promise<void>;
}

/** Checks every navigation against the route's `meta.access`, once the session is known. Returns the remover. */
export function installAccessGuard(router: Router, session: GuardSession): () => void {
  return router.beforeEach(async (to) => {
    await session.ensureLoaded();
    return accessDecision(to, session.user);
  });
}
