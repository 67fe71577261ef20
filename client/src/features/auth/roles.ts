import type { SessionUser } from '@shared/auth';
import { DEPARTMENTS, ROLES, type Department, type Role } from '@shared/roles';

export type { SessionUser } from '@shared/auth';
export type { Department, Role } from '@shared/roles';
/** Handler departments the console knows by name (the server's list); others are shown as the server spells them. */
export { DEPARTMENTS } from '@shared/roles';

/** Every role, in the order the console lists them: the server's `ROLES`. */
export const ROLE_ORDER = ROLES;

/** Narrows a department string to one with a translated name. */
export function isKnownDepartment(value: string | null | undefined): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value ?? '');
}

/**
 * Who may see a route: anyone (`public`), anyone signed in (`signed-in`) or the listed roles.
 * Routes declare it as `meta.access`.
 */
export type RouteAccess = 'public' | 'signed-in' | readonly Role[];

/** Whether a user (or nobody, `null`) may see a route with this access. */
export function mayAccess(access: RouteAccess | undefined, user: Pick<SessionUser, 'role'> | null): boolean {
  if (access === 'public') return true;
  if (!user || access === undefined) return false;
  return access === 'signed-in' || access.includes(user.role);
}

/** The roles named by an access rule (all of them for `public` and `signed-in`). */
export function rolesOf(access: RouteAccess | undefined): readonly Role[] {
  if (access === undefined) return [];
  return typeof access === 'string' ? ROLE_ORDER : access;
}
