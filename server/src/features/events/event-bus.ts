import type { LiveEventMap, LiveEventType } from '@shared/events';

/** A published event: a growing id (the SSE event id), its type and its data. */
export interface LiveEvent<T extends LiveEventType = LiveEventType> {
  id: number;
  type: T;
  data: LiveEventMap[T];
}

/** A subscriber: gets each event, and `null` once when the bus closes. */
export type LiveListener = (event: LiveEvent | null) => void;

/**
 * An in-process publish/subscribe hub for live updates. It keeps the last
 * `backlog` events so a client that reconnects with Last-Event-ID gets what it missed.
 */
export function createEventBus(options: { backlog?: number } = {}) {
  const backlog = options.backlog ?? 500;
  const listeners = new Set<LiveListener>();
  const recent: LiveEvent[] = [];
  let lastId = 0;

  return {
    /** Sends an event to every subscriber; returns it. */
    publish<T extends LiveEventType>(type: T, data: LiveEventMap[T]): LiveEvent<T> {
      const event: LiveEvent<T> = { id: ++lastId, type, data };
      recent.push(event);
      if (recent.length > backlog) recent.shift();
      for (const listener of [...listeners]) listener(event);
      return event;
    },
    /** Adds a subscriber; returns the function that removes it. */
    subscribe(listener: LiveListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /** Kept events after an id, oldest first (all kept ones when the id is older than the backlog). */
    since: (id: number): LiveEvent[] => recent.filter((e) => e.id > id),
    /** The id of the latest event (0 before the first). */
    lastId: () => lastId,
    /** How many subscribers are connected. */
    size: () => listeners.size,
    /** Tells every subscriber the bus is closing (so streams end) and forgets them. */
    close(): void {
      for (const listener of [...listeners]) listener(null);
      listeners.clear();
    },
  };
}

/** The event bus's interface. */
export type EventBus = ReturnType<typeof createEventBus>;
