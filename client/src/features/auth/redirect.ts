import { getActivePinia } from 'pinia';
import type { LocationQueryRaw } from 'vue-router';
import type { Role } from '@shared/roles';
import { useSessionStore } from './store';

/** Where the console goes when there is nowhere better: the public map, everybody's front page. */
export const HOME_PATH = '/map';

/**
 * Where each role's own work is, the page it lands on after signing in: the inspector files, handlers, dispatchers
 * and the supervision centre work their queues, the leader reads the overview, the planner edits the map. The admin
 * has no daily queue (their pages are configuration and audit, all in the navigation), so they start on the map.
 */
export const LANDING_PATHS: Readonly<Record<Role, string>> = {
  inspector: '/cases/new',
  handler: '/cases',
  dispatcher: '/cases',
  supervisor: '/cases',
  leader: '/overview',
  planner: '/map',
  admin: '/map',
};

/** The page a user (or a visitor, `null`) starts on when nothing asked for another. */
export function landingPath(user: { role: Role } | null): string {
  return user ? LANDING_PATHS[user.role] : HOME_PATH;
}

/**
 * The `/` route's guard: whoever is signed in goes to their own work, a visitor to the map. It runs after the access
 * guard, which has loaded the session by then.
 */
export function toLanding(): string {
  const pinia = getActivePinia();
  return landingPath(pinia ? useSessionStore(pinia).user : null);
}

/**
 * Where signing in leads: the `?redirect=` target when there is a safe one the user may open (`mayOpen`), else the
 * user's own work (a leader signing in on a device an inspector signed out of is not sent to the filing page).
 */
export function afterSignIn(redirect: unknown, user: { role: Role }, mayOpen: (path: string) => boolean = () => true): string {
  const target = safeRedirect(redirect, landingPath(user));
  return mayOpen(target) ? target : landingPath(user);
}

/**
 * A `?redirect=` target that is safe to follow: a same-site path starting with one `/`
 * (not `//host` or `/\host`, no control characters). Anything else gives `fallback`.
 */
export function safeRedirect(value: unknown, fallback = HOME_PATH): string {
  const target = Array.isArray(value) ? value[0] : value;
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
  if (target.startsWith('//') || target.startsWith('/\\') || hasControlCharacter(target)) return fallback;
  return target;
}

const FRONT_PAGES: readonly string[] = ['/', HOME_PATH];

/**
 * The login page's location, remembering where to go back to. Never remembered: the login page itself, and the
 * front page (`/` or the plain map) that every visitor starts on, so that signing in from there leads to the
 * user's own work rather than back to the map.
 */
export function loginLocation(from: string): { path: '/login'; query: LocationQueryRaw } {
  const target = safeRedirect(from, '');
  const remembered = target && !target.startsWith('/login') && !FRONT_PAGES.includes(target);
  return { path: '/login', query: remembered ? { redirect: target } : {} };
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}
