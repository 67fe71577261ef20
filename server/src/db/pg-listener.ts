import pg from 'pg';
import type { Logger } from 'pino';

/** Reconnect back-off of the listening connection: the first delay and its ceiling. */
export const LISTEN_BACKOFF = { firstMs: 250, maxMs: 10_000 } as const;

/** Options of {@link createPgListener}. */
export interface PgListenerOptions {
  connectionString: string;
  /** Subscribes a fresh connection to its channels (LISTEN …). */
  listen(client: pg.Client): Promise<void>;
  /** A notification arrived on the connection. */
  onNotify(channel: string, payload: string): void;
  /** Runs after every (re)connection, once listening: read what was missed while away. */
  onConnect(client: pg.Client): Promise<void>;
  /** Runs when the connection is lost (before reconnecting). */
  onLost?(): void;
  log?: Logger;
}

/** A listening PostgreSQL connection that reconnects by itself. */
export interface PgListener {
  /** Connects (once; later calls return the same promise): resolves after the first successful connection. */
  start(): Promise<void>;
  /** The connection while it is up. */
  client(): pg.Client | undefined;
  /** Stops reconnecting and ends the connection. */
  close(): Promise<void>;
}

/**
 * For live events (features/events): an event-driven node-postgres client in the calling thread (not the synchronous bridge): it LISTENs,
 * hands notifications on, and after losing its connection reconnects with a back-off (0.25 s doubling
 * to 10 s), listens again and calls `onConnect` so the caller reads what it missed.
 */
export function createPgListener(options: PgListenerOptions): PgListener {
  const { log } = options;
  let current: pg.Client | undefined;
  let closed = false;
  let delayMs: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let started: Promise<void> | undefined;
  let firstConnected: () => void = () => undefined;

  function lost(c: pg.Client, err?: Error): void {
    if (current !== c) return;
    current = undefined;
    c.end().catch(() => undefined);
    if (closed) return;
    options.onLost?.();
    log?.warn({ err: err?.message }, 'live events: lost the PostgreSQL listening connection; reconnecting');
    schedule();
  }

  function schedule(): void {
    delayMs = delayMs === undefined ? LISTEN_BACKOFF.firstMs : Math.min(delayMs * 2, LISTEN_BACKOFF.maxMs);
    timer = setTimeout(() => void attempt(), delayMs);
    timer.unref();
  }

  async function attempt(): Promise<void> {
    timer = undefined;
    if (closed) return;
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true, connectionTimeoutMillis: 5000, application_name: 'qingbo-events' });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (current === c) options.onNotify(n.channel, n.payload ?? '');
    });
    try {
      await c.connect();
      if (closed) throw new Error('closed');
      current = c;
      await options.listen(c);
      await options.onConnect(c);
      if (current !== c) return;
      delayMs = undefined;
      firstConnected();
    } catch (err) {
      if (current === c) {
        lost(c, err as Error);
        return;
      }
      c.end().catch(() => undefined);
      if (closed) return;
      log?.warn({ err: (err as Error).message }, 'live events: cannot reach PostgreSQL to listen; retrying');
      schedule();
    }
  }

  return {
    start() {
      started ??= new Promise<void>((resolve) => {
        firstConnected = resolve;
        void attempt();
      });
      return started;
    },
    client: () => current,
    async close() {
      closed = true;
      clearTimeout(timer);
      firstConnected();
      const c = current;
      current = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
