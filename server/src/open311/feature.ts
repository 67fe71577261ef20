import type { Router } from 'express';
import type { Db } from '../db/database';
import type { Calendar } from '../features/calendar';
import type { CaseFeature } from '../features/cases';
import type { GeocodeService } from '../features/geocode';
import { createWindowLimiter } from '../features/rate-limits';
import { createApiKeyRepository } from './api-key-repository';
import { createRequestExtrasRepository } from './request-extras-repository';
import { createOpen311Router } from './router';
import { createOpen311Service } from './service';

/**
 * Wires GeoReport v2 over the case feature's services, the working calendar and the geocoder; returns the router to mount at
 * `/open311/v2`. POSTs are limited per api_key and minute, counted across processes on PostgreSQL.
 */
export function createOpen311Feature(deps: { db: Db; cases: Pick<CaseFeature, 'records' | 'writes'>; calendar: Calendar; geocoder: GeocodeService; ratePerMinute: number }): Router {
  const { db } = deps;
  const open311 = createOpen311Service({ ...deps.cases.records, calendar: deps.calendar, writes: deps.cases.writes, geocoder: deps.geocoder, extras: createRequestExtrasRepository(db) });
  return createOpen311Router({ open311, keys: createApiKeyRepository(db), limiter: createWindowLimiter({ db, bucket: 'open311', limit: deps.ratePerMinute, windowMs: 60_000 }) });
}
