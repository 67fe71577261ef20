import type { Logger } from 'pino';
import type { LiveEventMap, LiveEventType } from '@shared/events';
import type { Db } from '../../db/database';
import { isFor, type EventBus, type LiveEvent, type LiveListener } from './event-bus';
import { createEventRepository, eventFeed, EVENTS_CHANNEL, type EventRow } from './event-repository';
import { createPgListener } from '../../db/pg-listener';

/** How many events the outbox keeps (older ones are deleted as new ones come). */
export const EVENTS_KEPT = 10_000;
/** Most events one reconnect replays (the SSE Last-Event-ID replay, like the in-memory bus's backlog). */
const REPLAY_LIMIT = 500;
/** Most events read at once after the listening connection comes back. */
const CATCH_UP_LIMIT = 5000;
/** How many delivered ids are remembered so that a notification and a catch-up read never deliver one twice. */
const REMEMBERED = 5000;

const toEvent = (row: EventRow): LiveEvent => ({
  id: row.id, type: row.type as LiveEventType, data: JSON.parse(row.payload) as LiveEventMap[LiveEventType],
  ...(row.recipient === null ? {} : { to: row.recipient }),
});

/**
 * The live-update hub of several processes on one PostgreSQL database. `publish` writes the event to
 * the `events` outbox and `NOTIFY`s its id in the same statement (inside the caller's transaction when
 * there is one: the notification goes out on commit, and a rolled-back event is never sent). Every
 * process LISTENs on its own connection, reads the notified rows and hands them to its subscribers,
 * so events reach them only once committed, from whichever process wrote them. After losing that
 * connection it reconnects and reads the rows it missed; `since` (Last-Event-ID) reads the table, so a
 * client reconnecting to any process gets what it missed. The outbox keeps the newest {@link EVENTS_KEPT}. An event
 * published after a committed write while the database is unreachable is logged and lost, never failing that write.
 */
export function createPgEventBus(deps: { db: Db; connectionString: string; log?: Logger }): EventBus {
  const { log } = deps;
  const events = createEventRepository(deps.db);
  const listeners = new Map<LiveListener, number | undefined>();
  const delivered = new Set<number>();
  let highest = 0;
  /** Where the next catch-up read starts (set when the connection is lost or a read failed). */
  let catchUpFrom: number | undefined;
  let pending: number[] = [];
  let flushScheduled = false;
  let queue = Promise.resolve();
  const held = new Set<string>();
  /** Whether `highest` is known: the newest id when this process began listening, or a later delivered one. */
  let based = false;
  let starting = false;

  function deliver(rows: EventRow[]): void {
    for (const row of rows) {
      if (delivered.has(row.id)) continue;
      delivered.add(row.id);
      if (delivered.size > REMEMBERED) delivered.delete(delivered.values().next().value!);
      highest = Math.max(highest, row.id);
      let event: LiveEvent;
      try {
        event = toEvent(row);
      } catch (err) {
        log?.error({ err, id: row.id }, 'live events: an outbox row is not JSON; skipped');
        continue;
      }
      for (const [listener, userId] of [...listeners]) if (isFor(event, userId)) listener(event);
    }
  }

  function enqueue(work: () => Promise<void>, onFail: () => void): void {
    queue = queue.then(work).catch((err: unknown) => {
      onFail();
      log?.warn({ err: (err as Error).message }, 'live events: reading the outbox failed; the rows are read again after reconnecting');
    });
  }

  function flush(): void {
    flushScheduled = false;
    const ids = pending;
    pending = [];
    enqueue(async () => {
      const client = listener.client();
      if (!client) throw new Error('not connected');
      deliver(await eventFeed.byIds(client, ids));
    }, () => {
      catchUpFrom = Math.min(catchUpFrom ?? Infinity, Math.min(...ids) - 1);
    });
  }

  const listener = createPgListener({
    connectionString: deps.connectionString,
    log,
    listen: (client) => eventFeed.listen(client),
    onNotify(channel, payload) {
      const id = Number(payload);
      if (channel !== EVENTS_CHANNEL || !Number.isSafeInteger(id)) return;
      pending.push(id);
      if (flushScheduled) return;
      flushScheduled = true;
      setImmediate(flush);
    },
    onLost() {
      if (based) catchUpFrom = Math.min(catchUpFrom ?? highest, highest);
      held.clear();
    },
    async onConnect(client) {
      if (!based) {
        highest = Math.max(highest, await eventFeed.newest(client));
        based = true;
      }
      const from = catchUpFrom;
      catchUpFrom = undefined;
      if (from === undefined) return;
      await new Promise<void>((resolve) => {
        enqueue(async () => {
          let rows: EventRow[];
          let after = from;
          do {
            rows = await eventFeed.after(client, after, CATCH_UP_LIMIT);
            deliver(rows);
            after = rows.at(-1)?.id ?? after;
          } while (rows.length === CATCH_UP_LIMIT);
        }, () => {
          catchUpFrom = Math.min(catchUpFrom ?? from, from);
        });
        void queue.then(resolve);
      });
    },
  });

  function start(): Promise<void> {
    if (!starting) {
      starting = true;
      // the first connection reads on from the newest id now (what came before, Last-Event-ID replays cover)
      try {
        catchUpFrom = highest = events.lastId();
        based = true;
      } catch (err) {
        log?.warn({ err: (err as Error).message }, 'live events: the newest event id is unknown; listening starts from the newest once connected');
      }
    }
    return listener.start();
  }

  return {
    publish<T extends LiveEventType>(type: T, data: LiveEventMap[T], to?: number): LiveEvent<T> {
      let id = 0;
      try {
        id = events.insert(type, JSON.stringify(data), to ?? null, new Date().toISOString());
        if (id % 500 === 0 && id > EVENTS_KEPT) events.pruneThrough(id - EVENTS_KEPT);
      } catch (err) {
        // inside a transaction the caller's write fails with it; after a committed write (the usual case) the write
        // stands and only the live event is lost (streams refresh on their next event or reconnect)
        if (deps.db.inTransaction) throw err;
        log?.error({ err, type }, 'live events: an event could not be stored; live streams miss it');
      }
      return { id, type, data, ...(to === undefined ? {} : { to }) };
    },
    subscribe(l, userId) {
      void start();
      listeners.set(l, userId);
      return () => {
        listeners.delete(l);
      };
    },
    since: (id, userId) => events.since(id, userId, REPLAY_LIMIT).map(toEvent),
    lastId: () => events.lastId(),
    size: () => listeners.size,
    ready: start,
    async lead(job) {
      await start();
      if (held.has(job)) return true;
      const client = listener.client();
      if (!client) return false;
      const ok = await eventFeed.tryLock(client, job).catch(() => false);
      if (ok && listener.client() === client) held.add(job);
      return ok;
    },
    async close() {
      for (const l of [...listeners.keys()]) l(null);
      listeners.clear();
      await listener.close();
    },
  };
}
