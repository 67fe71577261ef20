import type { EventBus } from './event-bus';
import { createEventsRouter } from './router';
import type { SessionSource } from './session-watch';

/** Wires live updates over a bus: the `/api/events` stream router (the bus itself is made first with `createEventBus`, since every feature publishes on it). */
export function createEventsFeature(deps: { bus: EventBus; auth: SessionSource; heartbeatMs: number; sessionCheckMs: number }) {
  return { router: createEventsRouter(deps) };
}
