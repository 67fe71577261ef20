import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { parse } from 'cookie';
import { HttpError, NotFoundError } from '../errors';
import type { AuthService } from '../features/auth';
import type { SessionUser } from '@shared/auth';
import { findPolicy, type Access } from './policy';
import { runWithToken } from './request-context';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'qingbo_session';

/** The session token of a request's cookie, if any. */
export function sessionToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

/** The Bearer token of a request's `Authorization` header, if any (other schemes are ignored). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

/** Resolves a personal access token (see `createTokenService`). */
export interface TokenResolver {
  resolve(token: string): { user: SessionUser; tokenId: number; prefix: string } | undefined;
}

/** The user of a request, from its session cookie or its Bearer token; undefined when neither is valid. */
export function requestUser(auth: AuthService, tokens: TokenResolver): (req: IncomingMessage) => SessionUser | undefined {
  return (req) => {
    const bearer = bearerToken(req);
    return bearer === undefined ? auth.resolve(sessionToken(req)) : tokens.resolve(bearer)?.user;
  };
}

/**
 * Attaches `req.user` from the session cookie or from a personal access token
 * (`Authorization: Bearer qbt_…`). A token that is unknown, revoked or expired is a 401 at once;
 * a request carrying both the session cookie and a token is refused (400): which one acts is ambiguous.
 * A token request runs with its token in the request context, so that audit entries say so.
 */
export function sessionMiddleware(auth: AuthService, tokens?: TokenResolver): RequestHandler {
  return (req, res, next) => {
    const bearer = bearerToken(req);
    if (bearer === undefined || !tokens) {
      req.user = auth.resolve(sessionToken(req));
      return next();
    }
    if (sessionToken(req) !== undefined) {
      throw new HttpError(400, 'ambiguous_credentials', 'send either the session cookie or an Authorization: Bearer token, not both');
    }
    const found = tokens.resolve(bearer);
    if (!found) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HttpError(401, 'invalid_token', 'the access token is unknown, revoked or expired');
    }
    req.user = found.user;
    runWithToken({ tokenId: found.tokenId, prefix: found.prefix }, next);
  };
}

/** Whether a user (or nobody) passes an access rule. Throws 401/403 otherwise. */
export function checkAccess(allow: Access, user: Express.Request['user'], publicRead: boolean): void {
  if (allow === 'public' || (allow === 'read' && publicRead)) return;
  if (!user) throw new HttpError(401, 'unauthenticated', 'sign in first');
  if (allow === 'read' || allow === 'signed-in') return;
  if (!allow.includes(user.role)) throw new HttpError(403, 'forbidden', `role "${user.role}" may not do this`);
}

/** Path prefixes of the machine-facing surface, whose 404s are JSON. */
const API_PATHS = /^\/(?:api|ogc|tiles|styles|open311)(?:\/|$)/;

/** Whether a 404 should be JSON: an API path, or a client that asks for JSON rather than HTML. */
function wantsJson(req: Parameters<RequestHandler>[0]): boolean {
  return API_PATHS.test(req.path) || req.accepts(['html', 'json']) === 'json';
}

/** Whether a request is a browser's page navigation (GET or HEAD asking for HTML by name). */
function navigates(req: Parameters<RequestHandler>[0]): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && /\btext\/html\b/.test(req.get('accept') ?? '');
}

/**
 * Enforces the policy table on every request; a request no row matches is a 404 (never the app's
 * page with a 200): JSON on the APIs or when JSON is asked for, the app's page with status 404 for a
 * browser's navigation (`notFoundPage`: its own not-found view), plain text otherwise (`/wms?…`, `/foo.php`).
 */
export function authorize(options: { publicRead: boolean; notFoundPage?: RequestHandler }): RequestHandler {
  return (req, res, next) => {
    const policy = findPolicy(req.method, req.path);
    if (!policy && !wantsJson(req)) {
      if (options.notFoundPage && navigates(req)) return options.notFoundPage(req, res, next);
      res.status(404).type('text/plain').send(`404 Not Found: ${req.method} ${req.path.slice(0, 200)}\n`);
      return;
    }
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
