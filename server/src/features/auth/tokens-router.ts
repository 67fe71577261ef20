import { Router } from 'express';
import { z } from 'zod';
import { newTokenBody, type NewTokenAnswer, type TokenList } from '@shared/tokens';
import { parseBody, parseQuery } from '../../validation';
import { HttpError, NotFoundError } from '../../errors';
import { currentToken } from '../../auth/request-context';
import type { TokenService } from './token-service';

const listQuery = z.strictObject({ username: z.string().trim().min(1).max(64).optional() });

/** Tokens are managed with a session: a token cannot make or list tokens. */
function requireSession(): void {
  if (currentToken()) throw new HttpError(403, 'session_required', 'sign in with a password to manage tokens; a token cannot manage tokens');
}

/**
 * `/api/auth/tokens`: list (`?username=` for an admin, `*` for everyone's), create (the token is
 * in this answer only) and revoke personal access tokens.
 */
export function createTokensRouter(tokens: TokenService): Router {
  const router = Router();
  router.get('/', (req, res) => {
    requireSession();
    const { username } = parseQuery(listQuery, req.query);
    res.json({ tokens: tokens.list(req.user!, username) } satisfies TokenList);
  });
  router.post('/', (req, res) => {
    requireSession();
    const body = parseBody(newTokenBody, req.body);
    const { token, info } = tokens.create(req.user!, body);
    res.status(201).set('Cache-Control', 'no-store').json({ token, info } satisfies NewTokenAnswer);
  });
  router.delete('/:tokenId', (req, res) => {
    requireSession();
    const raw = String(req.params.tokenId);
    if (!/^\d{1,15}$/.test(raw)) throw new NotFoundError(`no token ${raw}`);
    tokens.revoke(req.user!, Number(raw));
    res.status(204).end();
  });
  return router;
}
