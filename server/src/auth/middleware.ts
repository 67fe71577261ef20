import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { parse } from 'cookie';
import { HttpError, NotFoundError } from '../errors';
import type { AuthService } from '../features/auth';
import { findPolicy, type Access } from './policy';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'qingbo_session';

/** The session token of a request's cookie, if any. */
export function sessionToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

/** Attaches `req.user` from the session cookie. */
export function sessionMiddleware(auth: AuthService): RequestHandler {
  return (req, _res, next) => {
    req.user = auth.resolve(sessionToken(req));
    next();
  };
}

/** Whether a user (or nobody) passes an access rule. Throws 401/403 otherwise. */
export function checkAccess(allow: Access, user: Express.Request['user'], publicRead: boolean): void {
  if (allow === 'public' || (allow === 'read' && publicRead)) return;
  if (!user) throw new HttpError(401, 'unauthenticated', 'sign in first');
  if (allow === 'read' || allow === 'signed-in') return;
  if (!allow.includes(user.role)) throw new HttpError(403, 'forbidden', `role "${user.role}" may not do this`);
}

/** Enforces the policy table on every request; a request no row matches is a 404. */
export function authorize(options: { publicRead: boolean }): RequestHandler {
  return (req, _res, next) => {
    const policy = findPolicy(req.method, req.path);
    if (!policy) throw new NotFoundError(`no route for ${req.method} ${req.path}`);
    checkAccess(policy.allow, req.user, options.publicRead);
    next();
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection for cookie-authenticated writes: a browser's cross-site
 * write carries an Origin (or Sec-Fetch-Site) that gives it away.
 */
export function csrfGuard(): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method) || !req.headers.cookie) return next();
    const origin = req.get('origin');
    const host = req.get('host');
    if (origin !== undefined && (origin === 'null' || new URL(origin, 'http://invalid').host !== host)) {
      throw new HttpError(403, 'csrf', 'cross-site request refused');
    }
    const site = req.get('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'csrf', 'cross-site request refused');
    next();
  };
}
