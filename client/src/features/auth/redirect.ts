import type { LocationQueryRaw } from 'vue-router';

/** Where the console goes when there is nowhere better. */
export const HOME_PATH = '/map';

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

/** The login page's location, remembering where to go back to (the login page itself is never remembered). */
export function loginLocation(from: string): { path: '/login'; query: LocationQueryRaw } {
  const target = safeRedirect(from, '');
  return { path: '/login', query: target && !target.startsWith('/login') ? { redirect: target } : {} };
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}
