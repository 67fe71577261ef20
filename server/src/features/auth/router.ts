import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { loginBody, type LoginAnswer, type MeAnswer } from '@shared/auth';
import { parseBody } from '../../validation';
import { HttpError, NotFoundError } from '../../errors';
import { SESSION_COOKIE, sessionToken } from '../../auth/middleware';
import type { AuthService } from './auth-service';
import type { AuditRepository, AuditBursts } from '../audit';

const usernameParam = z.string().min(1).max(64);

function cookieOptions(req: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/', ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
}

/** The seconds an error asks the client to wait, if any. */
function retryAfter(err: HttpError): number | undefined {
  const seconds = (err.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof seconds === 'number' ? seconds : undefined;
}

/**
 * `/api/auth`: login, logout, the current user and an admin's unlock. Sign-ins and refused passwords are
 * audited one by one; attempts refused with 429 before any password check as one entry per address a minute.
 */
export function createAuthRouter(deps: { auth: AuthService; audit: AuditRepository; bursts: AuditBursts }): Router {
  const router = Router();

  function auditFailure(err: HttpError, username: string, ip: string | null): void {
    if (err.status === 429) {
      deps.bursts.count(`login_refused ${ip ?? 'unknown'}`, { userId: null, username: null, action: 'login_refused', entity: 'session', entityId: null, summary: { code: err.code, ip } });
      return;
    }
    deps.audit.record({ userId: null, username, action: 'login_failed', entity: 'session', entityId: null, summary: { code: err.code, ip } }, new Date().toISOString());
  }

  router.post('/login', async (req: Request, res: Response) => {
    const { username, password } = parseBody(loginBody, req.body);
    const client = { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
    const result = await deps.auth.login(username, password, client).catch((err: unknown) => {
      if (err instanceof HttpError) {
        auditFailure(err, username, client.ip);
        const seconds = retryAfter(err);
        if (seconds !== undefined) res.set('Retry-After', String(seconds));
      }
      throw err;
    });
    deps.audit.record({ userId: result.user.id, username: result.user.username, action: 'login', entity: 'session', entityId: null, summary: { ip: client.ip } }, new Date().toISOString());
    res.cookie(SESSION_COOKIE, result.token, cookieOptions(req, result.expiresAt.getTime() - Date.now()));
    res.json({ user: result.user, expiresAt: result.expiresAt.toISOString() } satisfies LoginAnswer);
  });

  router.post('/logout', (req, res) => {
    deps.auth.logout(sessionToken(req));
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ user: req.user ?? null } satisfies MeAnswer);
  });

  router.post('/users/:username/unlock', (req, res) => {
    const name = usernameParam.safeParse(req.params.username);
    if (!name.success) throw new NotFoundError(`no account "${String(req.params.username)}"`);
    const actor = req.user!;
    const done = deps.auth.unlock(name.data, ({ username, addresses }) => {
      deps.audit.record({ userId: actor.id, username: actor.username, action: 'unlock', entity: 'user', entityId: username, summary: { addresses } }, new Date().toISOString());
    });
    res.json(done);
  });

  return router;
}
