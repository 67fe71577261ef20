import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createApp, type App } from '../../server/src/app';
import { PROJECT_ROOT } from '../../server/src/config';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { act, caseIn, fileCase } from '../helpers/cases';

/** An open event stream read by a raw HTTP request: its frames as they come. */
interface Stream {
  res: http.IncomingMessage;
  text(): string;
  /** Waits until the stream's text matches, or fails after `ms`. */
  until(pattern: RegExp, ms?: number): Promise<string>;
  close(): void;
}

let s: SecuredApp;
let app: App;
let server: http.Server;
let base: string;

beforeAll(async () => {
  s = await createSecuredApp({ sseHeartbeatMs: 100 }, path.join(PROJECT_ROOT, 'data'));
  app = s.app;
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  app.events.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function connect(headers: Record<string, string> = {}, query = ''): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events${query}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (const w of [...waiters]) w();
      });
      resolve({
        res,
        text: () => buffer,
        until: (pattern, ms = 3000) => new Promise((done, fail) => {
          const check = () => {
            const m = pattern.exec(buffer);
            if (!m) return;
            clearTimeout(timer);
            done(m[0]);
          };
          const timer = setTimeout(() => fail(new Error(`no ${pattern} in ${JSON.stringify(buffer)}`)), ms);
          waiters.push(check);
          check();
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** The data of the frames of one event type. */
const frames = (text: string, type: string) => text.split('\n\n').filter((f) => f.includes(`event: ${type}\n`)).map((f) => ({
  id: Number(/^id: (\d+)$/m.exec(f)?.[1]),
  data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as Record<string, unknown>,
}));

const waitFor = async (check: () => boolean, ms = 2000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) if (check()) return;
  throw new Error('timed out');
};

describe('GET /api/events', () => {
  it('streams server-sent events with a retry hint and heartbeats', async () => {
    const stream = await connect();
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers['cache-control']).toBe('no-cache, no-transform');
    await stream.until(/^retry: 5000$/m);
    await stream.until(/^: heartbeat$/m);
    stream.close();
  });

  it('tells of a new case and its changes with public fields only', async () => {
    const stream = await connect({ cookie: await s.cookieFor('planner') });
    await stream.until(/retry/);
    const filed = await fileCase(s, { description: '私密描述 should not be streamed', contact: { name: '张三', phone: '13800000000' } }, 'supervisor');
    const { id, number } = filed.body.case;
    await stream.until(/event: case\.created/);
    await act(s, 'supervisor', id, 'register');
    await stream.until(/event: case\.changed/);
    await stream.until(/"layerId":"cases"/);
    const created = frames(stream.text(), 'case.created');
    expect(created.map((f) => f.data)).toEqual([{ id, number, state: 'reported', community: '330102001055', category: 'E01-03' }]);
    expect(frames(stream.text(), 'case.changed').map((f) => f.data)).toEqual([{ id, number, state: 'registered', community: '330102001055', category: 'E01-03' }]);
    expect(stream.text()).not.toMatch(/私密|13800000000|张三/);
    const layer = frames(stream.text(), 'layer.changed');
    expect(layer.at(-1)!.data).toEqual({ layerId: 'cases', version: expect.any(Number) });
    const ids = frames(stream.text(), 'case.created').concat(frames(stream.text(), 'case.changed'), layer).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    stream.close();
  });

  it('tells of feature writes and of refreshed case clocks as layer changes', async () => {
    const stream = await connect();
    await stream.until(/retry/);
    const room = (await request(s.app).get('/ogc/collections/garbage-rooms/items?limit=1')).body.features[0];
    const patched = await request(s.app).patch(`/ogc/collections/garbage-rooms/items/${room.id}`).set('Cookie', await s.cookieFor('planner'))
      .type('application/merge-patch+json').send({ properties: { name: '测试垃圾房' } });
    expect(patched.status).toBe(200);
    await stream.until(/"layerId":"garbage-rooms"/);
    await caseIn(s, 'dispatched');
    const seen = frames(stream.text(), 'layer.changed').length;
    app.refreshClocks(new Date(Date.now() + 30 * 86_400_000));
    await waitFor(() => frames(stream.text(), 'layer.changed').length > seen);
    expect(frames(stream.text(), 'layer.changed').at(-1)!.data).toMatchObject({ layerId: 'cases' });
    stream.close();
  });

  it('replays missed events after Last-Event-ID, or after ?lastEventId= for a new EventSource', async () => {
    const cookie = await s.cookieFor('supervisor');
    const first = await connect({ cookie });
    await fileCase(s);
    await first.until(/event: case\.created/);
    const lastId = frames(first.text(), 'case.created')[0]!.id;
    first.close();
    await fileCase(s);
    const again = await connect({ 'last-event-id': String(lastId), cookie });
    await again.until(/event: case\.created/);
    expect(frames(again.text(), 'case.created').every((f) => f.id > lastId)).toBe(true);
    again.close();
    const byQuery = await connect({ cookie }, `?lastEventId=${lastId}`);
    await byQuery.until(/event: case\.created/);
    expect(frames(byQuery.text(), 'case.created').map((f) => f.id)).toEqual(frames(again.text(), 'case.created').map((f) => f.id));
    byQuery.close();
  });

  it('gives an anonymous listener (public read) layer changes only, never case details; a signed-in one both', async () => {
    const anonymous = await connect();
    const signedIn = await connect({ cookie: await s.cookieFor('planner') });
    await anonymous.until(/retry/);
    await signedIn.until(/retry/);
    const filed = await fileCase(s, {}, 'inspector');
    await signedIn.until(/event: case\.created/);
    await anonymous.until(/"layerId":"cases"/);
    await signedIn.until(/"layerId":"cases"/);
    expect(anonymous.text()).not.toMatch(/event: case\./);
    expect(anonymous.text()).not.toContain(filed.body.case.number);
    expect(frames(anonymous.text(), 'layer.changed').map((f) => f.data)).toEqual([{ layerId: 'cases', version: expect.any(Number) }]);
    anonymous.close();
    const replayed = await connect({}, '?lastEventId=0');
    await replayed.until(/"layerId":"cases"/);
    expect(replayed.text()).not.toMatch(/event: case\./);
    replayed.close();
    signedIn.close();
  });

  it('forgets a client that disconnects', async () => {
    await waitFor(() => app.events.size() === 0);
    const stream = await connect();
    await stream.until(/retry/);
    expect(app.events.size()).toBe(1);
    stream.close();
    await waitFor(() => app.events.size() === 0);
  });

  it('answers 406 to a client that does not ask for an event stream', async () => {
    const res = await request(s.app).get('/api/events');
    expect(res.status).toBe(406);
    expect(res.body.error.code).toBe('not_acceptable');
  });

  it('needs a session when public read access is off', async () => {
    const closed = createApp({ db: s.db, config: { ...s.config, publicRead: false } });
    const refused = await request(closed).get('/api/events').set('Accept', 'text/event-stream');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
  });
});
