import { Router } from 'express';
import { z } from 'zod';
import { auditFilters, datesInOrder, shanghaiDayStart } from '@shared/audit-query';
import { parseQuery } from '../../validation';
import type { AuditBursts } from './audit-bursts';
import type { AuditRepository } from './audit-repository';

const query = auditFilters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).refine(datesInOrder, { message: 'from must not be after to', path: ['to'] });

/**
 * `GET /api/audit[?entity&user&action&from&to&limit&offset]`: the audit log, newest first (admin only, by policy),
 * with the counts of bursts up to date. `from`/`to` are calendar days in Asia/Shanghai, both included.
 */
export function createAuditRouter(audit: AuditRepository, bursts?: Pick<AuditBursts, 'flush'>): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const q = parseQuery(query, req.query);
    bursts?.flush();
    const filter = {
      entity: q.entity ?? null, user: q.user ?? null, action: q.action ?? null,
      fromAt: q.from ? shanghaiDayStart(q.from) : null, toAt: q.to ? shanghaiDayStart(q.to, 1) : null,
    };
    res.json(audit.list(filter, q.limit, q.offset));
  });
  return router;
}
