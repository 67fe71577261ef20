import type { Role, SessionUser } from '@shared/auth';

export type { Role, SessionUser } from '@shared/auth';

/** Every role, in the order the console lists them (a missing role fails to type-check). */
export const ROLE_ORDER = ['admin', 'planner', 'inspector', 'supervisor', 'dispatcher', 'handler', 'leader'] as const satisfies readonly Role[];

/** Handler departments the console knows by name; others are shown as the server spells them. */
export const DEPARTMENTS = ['sanitation', 'municipal', 'greening', 'enforcement'] as const;
/** A handler department with a translated name. */
export type Department = (typeof DEPARTMENTS)[number];

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
