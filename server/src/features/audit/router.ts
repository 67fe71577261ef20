import { Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../../validation';
import type { AuditRepository } from './audit-repository';

const query = z.strictObject({
  entity: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** `GET /api/audit`: the audit log, newest first (admin only, by policy). */
export function createAuditRouter(audit: AuditRepository): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const q = parseQuery(query, req.query);
    res.json(audit.list(q.entity ?? null, q.limit, q.offset));
  });
  return router;
}
