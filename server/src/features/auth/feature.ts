import { isPostgres, type Db } from '../../db/database';
import type { AuditFeature } from '../audit';
import { createAuthService, type AuthSettings } from './auth-service';
import { createLoginAttemptRepository } from './login-attempt-repository';
import { createLoginFailureRepository } from './login-failure-repository';
import { createAuthRouter } from './router';
import { createSessionRepository } from './session-repository';
import { createUserRepository } from './user-repository';
import { createTokenRepository } from './token-repository';
import { createTokenService } from './token-service';
import { createTokensRouter } from './tokens-router';

/**
 * Wires sign-in over one database: the auth service (users, sessions, login throttling), personal
 * access tokens, and the `/api/auth` router (with `/api/auth/tokens`).
 */
export function createAuthFeature(deps: { db: Db; audit: Pick<AuditFeature, 'repository' | 'bursts'>; settings?: Partial<AuthSettings> }) {
  const { db, audit } = deps;
  const service = createAuthService({
    users: createUserRepository(db), sessions: createSessionRepository(db), failures: createLoginFailureRepository(db),
    // on PostgreSQL several processes share the database: the attempts a minute are counted there
    attempts: isPostgres(db) ? createLoginAttemptRepository(db) : undefined, settings: deps.settings,
  });
  const tokens = createTokenService({ tokens: createTokenRepository(db), users: createUserRepository(db), audit: audit.repository });
  const router = createAuthRouter({ auth: service, audit: audit.repository, bursts: audit.bursts });
  router.use('/tokens', createTokensRouter(tokens));
  return { service, tokens, router };
}
