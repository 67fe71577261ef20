import { Router, type Request, type Response } from 'express';
import { loginBody } from '../../contracts/auth';
import { parseBody } from '../../validation';
import { HttpError } from '../../errors';
import { SESSION_COOKIE, sessionToken } from '../../auth/middleware';
import type { AuthService } from './auth-service';
import type { AuditRepository } from '../audit/audit-repository';

function cookieOptions(req: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/', ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
}

/** `/api/auth`: login, logout and the current user. */
export function createAuthRouter(deps: { auth: AuthService; audit: AuditRepository }): Router {
  const router = Router();

  router.post('/login', async (req: Request, res: Response) => {
    const { username, password } = parseBody(loginBody, req.body);
    const client = { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
    const result = await deps.auth.login(username, password, client).catch((err: unknown) => {
      if (err instanceof HttpError) {
        deps.audit.record({ userId: null, username, action: 'login_failed', entity: 'session', entityId: null, summary: { code: err.code, ip: client.ip } }, new Date().toISOString());
      }
      throw err;
    });
    deps.audit.record({ userId: result.user.id, username: result.user.username, action: 'login', entity: 'session', entityId: null, summary: { ip: client.ip } }, new Date().toISOString());
    res.cookie(SESSION_COOKIE, result.token, cookieOptions(req, result.expiresAt.getTime() - Date.now()));
    res.json({ user: result.user, expiresAt: result.expiresAt.toISOString() });
  });

  router.post('/logout', (req, res) => {
    deps.auth.logout(sessionToken(req));
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ user: req.user ?? null });
  });

  return router;
}
