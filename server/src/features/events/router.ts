import { Router } from 'express';
import { sessionToken } from '../../auth/middleware';
import { PUBLIC_LIVE_EVENTS, type StreamEndEvent } from '@shared/events';
import { HttpError } from '../../errors';
import type { EventBus, LiveEvent } from './event-bus';
import { watchSession, type SessionSource } from './session-watch';

/** How long a browser waits before reconnecting, in milliseconds (the SSE `retry:` hint). */
export const RETRY_MS = 5000;

const frame = (e: LiveEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;

/** The id a reconnecting client last saw: the `Last-Event-ID` header (the browser's own reconnect) or `?lastEventId=` (a new `EventSource`, which cannot set headers). */
function lastSeen(header: string | undefined, query: unknown): number | undefined {
  const raw = header ?? (typeof query === 'string' ? query : undefined);
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw);
}

/**
 * `GET /api/events`: server-sent events (`case.created`, `case.changed`,
 * `layer.changed`, and a user's own `notification`s on that user's streams only) with ids, a `retry:` hint, a heartbeat comment every
 * `heartbeatMs`, and a replay of missed events for a reconnect with Last-Event-ID.
 * A stream opened with a session re-checks it every `sessionCheckMs` (and at once
 * when it is signed out) and, once it is no longer valid, ends with an `end` event
 * saying why. An anonymous listener (public read access) gets only the events any map
 * reader may see (`PUBLIC_LIVE_EVENTS`: layer versions), never case details.
 * A request that does not accept `text/event-stream` gets 406.
 */
export function createEventsRouter(deps: { bus: EventBus; heartbeatMs: number; auth: SessionSource; sessionCheckMs: number }): Router {
  const { bus, heartbeatMs } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    if (!/text\/event-stream/i.test(req.get('accept') ?? '')) {
      throw new HttpError(406, 'not_acceptable', 'this is an event stream: send "Accept: text/event-stream" (EventSource does)');
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);

    const userId = req.user?.id;
    const visible = req.user ? () => true : (e: LiveEvent) => PUBLIC_LIVE_EVENTS.includes(e.type);
    const last = lastSeen(req.get('last-event-id'), req.query.lastEventId);
    // on PostgreSQL an event replayed here may still be on its way to the subscription below: sent once
    const replayed = new Set<number>();
    if (last !== undefined) {
      for (const e of bus.since(last, userId)) {
        replayed.add(e.id);
        if (visible(e)) res.write(frame(e));
      }
    }

    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    let stop: () => void = () => undefined;
    const unsubscribe = bus.subscribe((event) => {
      if (!event) stop();
      else if (visible(event) && !replayed.has(event.id)) res.write(frame(event));
    }, userId);
    const token = sessionToken(req);
    const unwatch = req.user && token
      ? watchSession({
        auth: deps.auth, token, user: req.user, everyMs: deps.sessionCheckMs,
        onEnd: (reason) => {
          const end: StreamEndEvent = { reason };
          if (!res.writableEnded) res.write(`event: end\ndata: ${JSON.stringify(end)}\n\n`);
          stop();
        },
      })
      : () => undefined;
    stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      unwatch();
      if (!res.writableEnded) res.end();
    };
    req.on('close', stop);
  });

  return router;
}
