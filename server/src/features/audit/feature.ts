import type { Db } from '../../db/database';
import { createAuditBursts } from './audit-bursts';
import { createAuditRepository } from './audit-repository';
import { createAuditRouter } from './router';

/** Wires the audit log over one database: its repository, the login-burst summariser and the `/api/audit` router. */
export function createAuditFeature(deps: { db: Db }) {
  const repository = createAuditRepository(deps.db);
  const bursts = createAuditBursts(repository);
  return { repository, bursts, router: createAuditRouter(repository, bursts) };
}

/** The audit feature's public services (what `createAuditFeature` returns). */
export type AuditFeature = ReturnType<typeof createAuditFeature>;
