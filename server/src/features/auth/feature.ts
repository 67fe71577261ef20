import type { Db } from '../../db/database';
import type { AuditFeature } from '../audit';
import { createAuthService, type AuthSettings } from './auth-service';
import { createLoginFailureRepository } from './login-failure-repository';
import { createAuthRouter } from './router';
import { createSessionRepository } from './session-repository';
import { createUserRepository } from './user-repository';

/** Wires sign-in over one database: the auth service (users, sessions, login throttling) and the `/api/auth` router. */
export function createAuthFeature(deps: { db: Db; audit: Pick<AuditFeature, 'repository' | 'bursts'>; settings?: Partial<AuthSettings> }) {
  const { db, audit } = deps;
  const service = createAuthService({
    users: createUserRepository(db), sessions: createSessionRepository(db), failures: createLoginFailureRepository(db), settings: deps.settings,
  });
  return { service, router: createAuthRouter({ auth: service, audit: audit.repository, bursts: audit.bursts }) };
}
