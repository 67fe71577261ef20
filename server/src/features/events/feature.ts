import type { Logger } from 'pino';
import { isPostgres, pgOf, type Db } from '../../db/database';
import { createEventBus, type EventBus } from './event-bus';
import { createPgEventBus } from './pg-event-bus';
import { createEventsRouter } from './router';
import type { SessionSource } from './session-watch';

/**
 * The live-update hub for a database: in memory on SQLite (one process), the `events` outbox with
 * LISTEN/NOTIFY on PostgreSQL (every process of the database shares it).
 */
export function createLiveEventBus(deps: { db: Db; log?: Logger }): EventBus {
  const { db, log } = deps;
  return isPostgres(db) ? createPgEventBus({ db, connectionString: pgOf(db).connectionString, log }) : createEventBus();
}

/** Wires live updates over a bus: the `/api/events` stream router (the bus itself is made first with `createLiveEventBus`, since every feature publishes on it). */
export function createEventsFeature(deps: { bus: EventBus; auth: SessionSource; heartbeatMs: number; sessionCheckMs: number }) {
  return { router: createEventsRouter(deps) };
}
