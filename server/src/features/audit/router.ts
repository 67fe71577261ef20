import { Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../../validation';
import type { AuditBursts } from './audit-bursts';
import type { AuditRepository } from './audit-repository';

const query = z.strictObject({
  entity: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** `GET /api/audit`: the audit log, newest first (admin only, by policy), with the counts of bursts up to date. */
export function createAuditRouter(audit: AuditRepository, bursts?: Pick<AuditBursts, 'flush'>): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const q = parseQuery(query, req.query);
    bursts?.flush();
    res.json(audit.list(q.entity ?? null, q.limit, q.offset));
  });
  return router;
}
