import type { LiveEventMap, LiveEventType } from '@shared/events';

/** A published event: a growing id (the SSE event id), its type and its data. */
export interface LiveEvent<T extends LiveEventType = LiveEventType> {
  id: number;
  type: T;
  data: LiveEventMap[T];
  /** The one user it is for (their streams only); absent: for everyone. */
  to?: number;
}

/** A subscriber: gets each event meant for it, and `null` once when the bus closes. */
export type LiveListener = (event: LiveEvent | null) => void;

/**
 * The live-update hub behind `/api/events`: in memory for one process (SQLite), or an outbox
 * table with LISTEN/NOTIFY shared by every process (PostgreSQL, `createPgEventBus`).
 */
export interface EventBus {
  /** Sends an event to every subscriber, or (with `to`) to the subscribers of that user only; returns it. */
  publish<T extends LiveEventType>(type: T, data: LiveEventMap[T], to?: number): LiveEvent<T>;
  /** Adds a subscriber (of a signed-in user's stream: `userId`, which also gets the events sent to that user); returns the function that removes it. */
  subscribe(listener: LiveListener, userId?: number): () => void;
  /** Kept events after an id meant for a user (or for everyone), oldest first (the latest kept ones when the id is older than the backlog). */
  since(id: number, userId?: number): LiveEvent[];
  /** The id of the latest event (0 before the first). */
  lastId(): number;
  /** How many subscribers are connected (to this process). */
  size(): number;
  /** Resolves once events published by any process reach this process's subscribers (at once in memory). */
  ready(): Promise<void>;
  /**
   * Whether this process holds the cluster-wide lead of a periodic job (the clock refresh), taking it when
   * free: in memory always true; on PostgreSQL one process at a time, until its connection ends.
   */
  lead(job: string): Promise<boolean>;
  /** Tells every subscriber the bus is closing (so streams end), forgets them and releases its connection. */
  close(): Promise<void>;
}

/** Whether an event is for a stream of a user (`undefined`: nobody signed in). */
export const isFor = (event: LiveEvent, userId: number | undefined) => event.to === undefined || event.to === userId;

/**
 * An in-process publish/subscribe hub for live updates (one process: SQLite). It keeps the last
 * `backlog` events so a client that reconnects with Last-Event-ID gets what it missed.
 */
export function createEventBus(options: { backlog?: number } = {}): EventBus {
  const backlog = options.backlog ?? 500;
  const listeners = new Map<LiveListener, number | undefined>();
  const recent: LiveEvent[] = [];
  let lastId = 0;

  return {
    publish<T extends LiveEventType>(type: T, data: LiveEventMap[T], to?: number): LiveEvent<T> {
      const event: LiveEvent<T> = { id: ++lastId, type, data, ...(to === undefined ? {} : { to }) };
      recent.push(event);
      if (recent.length > backlog) recent.shift();
      for (const [listener, userId] of [...listeners]) if (isFor(event, userId)) listener(event);
      return event;
    },
    subscribe(listener, userId) {
      listeners.set(listener, userId);
      return () => {
        listeners.delete(listener);
      };
    },
    since: (id, userId) => recent.filter((e) => e.id > id && isFor(e, userId)),
    lastId: () => lastId,
    size: () => listeners.size,
    ready: () => Promise.resolve(),
    lead: () => Promise.resolve(true),
    close() {
      for (const listener of [...listeners.keys()]) listener(null);
      listeners.clear();
      return Promise.resolve();
    },
  };
}
