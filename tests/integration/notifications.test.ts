import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { PROJECT_ROOT } from '../../server/src/config';
import { act, caseIn } from '../helpers/cases';
import { uploadPhotos } from '../helpers/photos';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

/** A local webhook receiver: records each request and answers with the next queued status (200 when none). */
interface Received { url: string; headers: http.IncomingHttpHeaders; body: string }
const received: Received[] = [];
const statuses: number[] = [];
let receiver: http.Server;
let receiverHost: string;
let s: SecuredApp;
let server: http.Server;
let base: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url!, headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 200 ? '{"errcode":0,"errmsg":"ok"}' : '{"error":"down"}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverHost = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  s = await createSecuredApp({ webhookHosts: [receiverHost], sseHeartbeatMs: 100 }, path.join(PROJECT_ROOT, 'data'));
  server = http.createServer(s.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  s.app.notifications.close();
  s.app.events.close();
  server.closeAllConnections();
  receiver.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => receiver.close(r))]);
});

/** Demo account names: one per role, handlers by department. */
type Who = 'admin' | 'inspector' | 'supervisor' | 'dispatcher' | 'sanitation' | 'municipal';
const cookies = new Map<Who, string>();
async function cookieOf(who: Who): Promise<string> {
  if (!cookies.has(who)) {
    const res = await request(s.app).post('/api/auth/login').send({ username: who, password: DEMO_PASSWORD });
    cookies.set(who, String(res.headers['set-cookie']![0]).split(';')[0]!);
  }
  return cookies.get(who)!;
}
const as = async (who: Who) => ({ Cookie: await cookieOf(who) });
const mine = async (role: Who) => (await request(s.app).get('/api/notifications').set(await as(role))).body as {
  notifications: { id: number; event: string; caseId: number; caseNumber: string; read: boolean }[]; unread: number; total: number;
};
const addHook = async (body: Record<string, unknown>) => request(s.app).post('/api/notifications/webhooks').set(await as('admin')).send(body);
const hooks = async () => (await request(s.app).get('/api/notifications/webhooks').set(await as('admin'))).body as {
  webhooks: { id: number; name: string; url: string; secretHint: string | null; lastStatus: number | null; lastError: string | null; lastAt: string | null;
    recent: { state: string; attempts: number; lastStatus: number | null; lastError: string | null; event: string }[] }[];
  allowedHosts: string[];
};
const dropHooks = async () => {
  for (const h of (await hooks()).webhooks) expect((await request(s.app).delete(`/api/notifications/webhooks/${h.id}`).set(await as('admin'))).status).toBe(204);
};
/** Files a sanitation case, registers and dispatches it; returns its id and number. */
const dispatched = async () => {
  const id = await caseIn(s, 'dispatched');
  const number = (await request(s.app).get(`/api/cases/${id}`).set(await as('dispatcher'))).body.case.number as string;
  return { id, number };
};

describe('in-app notifications', () => {
  it('go to the people whose work it is, and are read one by one or all at once', async () => {
    const before = (await mine('sanitation')).total;
    const { id, number } = await dispatched();
    const sanitation = await mine('sanitation');
    expect(sanitation.total).toBe(before + 1);
    expect(sanitation.notifications[0]).toMatchObject({ event: 'case.dispatched', caseId: id, caseNumber: number, read: false });
    expect(sanitation.unread).toBeGreaterThanOrEqual(1);
    expect((await mine('municipal')).notifications.some((n) => n.caseId === id)).toBe(false);
    expect((await mine('supervisor')).notifications.some((n) => n.caseId === id)).toBe(false);

    // another user's id changes nothing; the owner's does
    const theirs = sanitation.notifications[0]!.id;
    expect((await request(s.app).post('/api/notifications/read').set(await as('municipal')).send({ ids: [theirs] })).body.changed).toBe(0);
    const read = await request(s.app).post('/api/notifications/read').set(await as('sanitation')).send({ ids: [theirs] });
    expect(read.body).toEqual({ changed: 1, unread: sanitation.unread - 1 });

    // feedback waits for the supervision centre and the inspector who filed it; rework goes back to the department
    expect((await act(s, 'handler', id, 'accept')).status).toBe(200);
    expect((await uploadPhotos(s, 'handler', id, 'after')).status).toBe(201);
    expect((await act(s, 'handler', id, 'feedback', { note: '已清洗' })).status).toBe(200);
    for (const role of ['supervisor', 'inspector'] as const) {
      expect((await mine(role)).notifications[0]).toMatchObject({ event: 'case.feedback', caseNumber: number });
    }
    expect((await mine('dispatcher')).total).toBe(0);
    expect((await act(s, 'supervisor', id, 'rework', { note: '仍有油污' })).status).toBe(200);
    expect((await mine('sanitation')).notifications[0]).toMatchObject({ event: 'case.returned', caseNumber: number, read: false });

    const all = await request(s.app).post('/api/notifications/read').set(await as('sanitation')).send({ all: true });
    expect(all.body.unread).toBe(0);
    expect((await request(s.app).get('/api/notifications?limit=1').set(await as('sanitation'))).body).toMatchObject({ unread: 0, limit: 1 });
  });

  it('turn yellow and red once per deadline when the clocks are refreshed', async () => {
    const { id } = await dispatched();
    const detail = (await request(s.app).get(`/api/cases/${id}`).set(await as('dispatcher'))).body.case as { clock: { deadline: string } };
    const deadline = Date.parse(detail.clock.deadline);
    const count = async (role: 'sanitation' | 'supervisor', event: string) => (await mine(role)).notifications.filter((n) => n.caseId === id && n.event === event).length;
    s.app.refreshClocks(new Date(deadline - 60_000));
    s.app.refreshClocks(new Date(deadline - 30_000));
    expect(await count('sanitation', 'case.deadline_near')).toBe(1);
    expect(await count('supervisor', 'case.deadline_near')).toBe(0);
    s.app.refreshClocks(new Date(deadline + 60_000));
    s.app.refreshClocks(new Date(deadline + 120_000));
    expect(await count('sanitation', 'case.overdue')).toBe(1);
    expect(await count('supervisor', 'case.overdue')).toBe(1);
  });

  it('reject bad requests with a reason', async () => {
    expect((await request(s.app).get('/api/notifications')).status).toBe(401);
    expect((await request(s.app).get('/api/notifications?limit=0').set(await as('sanitation'))).status).toBe(400);
    const bad = await request(s.app).post('/api/notifications/read').set(await as('sanitation')).send({ ids: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/invalid body/);
  });
});

describe('notifications live', () => {
  /** Opens `/api/events` as a role; `text()` is everything received so far. */
  const stream = async (role: 'sanitation' | 'municipal') => {
    const cookie = await cookieOf(role);
    return new Promise<{ text: () => string; until: (p: RegExp) => Promise<void>; close: () => void }>((resolve, reject) => {
      const req = http.get(`${base}/api/events`, { headers: { accept: 'text/event-stream', cookie } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        resolve({
          text: () => text,
          until: (p) => new Promise((done, fail) => {
            const started = Date.now();
            const check = () => (p.test(text) ? done() : Date.now() - started > 5000 ? fail(new Error(`no ${p} in ${text}`)) : setTimeout(check, 20));
            check();
          }),
          close: () => req.destroy(),
        });
      });
      req.on('error', reject);
    });
  };

  it("reach only the recipient's streams", async () => {
    const [mineStream, theirs] = await Promise.all([stream('sanitation'), stream('municipal')]);
    try {
      const { id, number } = await dispatched();
      await mineStream.until(new RegExp(`event: notification\\ndata: .*"caseNumber":"${number}"`));
      // a later broadcast reaches the other department: everything sent before it has arrived there too
      expect((await act(s, 'handler', id, 'accept')).status).toBe(200);
      await theirs.until(new RegExp(`event: case.changed\\ndata: .*"number":"${number}","state":"handling"`));
      expect(theirs.text()).not.toContain('event: notification');
      const frame = mineStream.text().split('\n\n').find((f) => f.includes('event: notification') && f.includes(number))!;
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as { notification: { event: string }; unread: number };
      expect(data.notification.event).toBe('case.dispatched');
      expect(data.unread).toBeGreaterThanOrEqual(1);
    } finally {
      mineStream.close();
      theirs.close();
    }
  });
});

describe('outbound webhooks', () => {
  it('are managed by admins only, refuse hosts off the allowlist and never show their secret', async () => {
    await dropHooks();
    const body = { name: '本地', kind: 'generic', url: `http://${receiverHost}/hook?token=abc`, secret: 'top-secret-9876', events: ['case.dispatched'] };
    expect((await request(s.app).post('/api/notifications/webhooks').set(await as('supervisor')).send(body)).status).toBe(403);
    const off = await addHook({ ...body, url: 'https://intranet.example.org/hook' });
    expect(off.status).toBe(400);
    expect(off.body.error.message).toMatch(/intranet\.example\.org is not in WEBHOOK_HOSTS/);
    expect((await addHook({ ...body, url: 'https://127.0.0.1:1/x' })).status).toBe(400);
    expect((await addHook({ ...body, kind: 'smtp' })).status).toBe(400);
    expect((await addHook({ ...body, events: ['case.deleted'] })).status).toBe(400);
    expect((await addHook({ ...body, name: '本地\u0000机器人' })).status).toBe(400);
    expect((await addHook({ ...body, name: '   ' })).status).toBe(400);
    const made = await addHook(body);
    expect(made.status).toBe(201);
    const list = await hooks();
    expect(list.allowedHosts).toEqual([receiverHost]);
    expect(list.webhooks).toHaveLength(1);
    expect(list.webhooks[0]).toMatchObject({ name: '本地', secretHint: '…9876', url: `http://${receiverHost}/hook?token=***` });
    expect(JSON.stringify(list)).not.toContain('top-secret');
    expect(JSON.stringify(list)).not.toContain('abc');
    expect((await request(s.app).delete('/api/notifications/webhooks/999999').set(await as('admin'))).status).toBe(404);
  });

  it('deliver signed generic JSON and DingTalk robot messages', async () => {
    await dropHooks();
    expect((await addHook({ name: 'generic', kind: 'generic', url: `http://${receiverHost}/generic`, secret: 's3cret', events: ['case.dispatched'] })).status).toBe(201);
    expect((await addHook({ name: '钉钉', kind: 'dingtalk', url: `http://${receiverHost}/robot/send?access_token=t0k`, secret: 'SECabc', events: ['case.dispatched'] })).status).toBe(201);
    received.length = 0;
    const { number } = await dispatched();
    await s.app.notifications.flush();
    expect(received).toHaveLength(2);

    const generic = received.find((r) => r.url === '/generic')!;
    const expected = `sha256=${createHmac('sha256', 's3cret').update(generic.body).digest('hex')}`;
    expect(generic.headers['x-qingbo-signature']).toBe(expected);
    expect(generic.headers['x-qingbo-event']).toBe('case.dispatched');
    const payload = JSON.parse(generic.body) as { event: string; case: Record<string, unknown> };
    expect(payload.event).toBe('case.dispatched');
    expect(payload.case).toMatchObject({ number, state: 'dispatched', category: 'E01-03', department: 'sanitation' });
    expect(generic.body).not.toContain('河坊街路面有油污');

    const ding = received.find((r) => r.url.startsWith('/robot/send'))!;
    const query = new URL(ding.url, 'http://x').searchParams;
    expect(query.get('access_token')).toBe('t0k');
    const timestamp = query.get('timestamp')!;
    expect(timestamp).toMatch(/^\d{13}$/);
    expect(query.get('sign')).toBe(createHmac('sha256', 'SECabc').update(`${timestamp}\nSECabc`).digest('base64'));
    const message = JSON.parse(ding.body) as { msgtype: string; text: { content: string } };
    expect(message.msgtype).toBe('text');
    expect(message.text.content).toContain(number);
    expect((await hooks()).webhooks.map((h) => h.lastStatus)).toEqual([200, 200]);
  });

  it('retry after a failure, with back-off, and keep the workflow running while the receiver is down', async () => {
    await dropHooks();
    expect((await addHook({ name: 'retry', kind: 'generic', url: `http://${receiverHost}/retry`, events: ['case.dispatched'] })).status).toBe(201);
    received.length = 0;
    statuses.push(500);
    await dispatched();
    await s.app.notifications.flush();
    let hook = (await hooks()).webhooks[0]!;
    expect(hook).toMatchObject({ lastStatus: 500, lastError: 'HTTP 500' });
    expect(hook.recent[0]).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    await s.app.notifications.flush();
    expect(received).toHaveLength(1);
    await s.app.notifications.flush(new Date(Date.now() + 31_000));
    expect(received).toHaveLength(2);
    hook = (await hooks()).webhooks[0]!;
    expect(hook).toMatchObject({ lastStatus: 200, lastError: null });
    expect(hook.recent[0]).toMatchObject({ state: 'sent', attempts: 2 });

    // nothing listens on the hook's port: the case is still dispatched, the delivery waits for a retry
    await dropHooks();
    const dead = http.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadHost = `127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise((r) => dead.close(r));
    const down = await createSecuredApp({ webhookHosts: [deadHost] }, path.join(PROJECT_ROOT, 'data'));
    try {
      expect((await request(down.app).post('/api/notifications/webhooks').set('Cookie', await down.cookieFor('admin'))
        .send({ name: 'down', kind: 'wecom', url: `http://${deadHost}/cgi-bin/webhook/send?key=k`, events: ['case.dispatched'] })).status).toBe(201);
      await caseIn(down, 'dispatched');
      await down.app.notifications.flush();
      const after = (await request(down.app).get('/api/notifications/webhooks').set('Cookie', await down.cookieFor('admin'))).body.webhooks[0];
      expect(after.lastStatus).toBeNull();
      expect(after.lastError).toMatch(/ECONNREFUSED/);
      expect(after.recent[0]).toMatchObject({ state: 'pending', attempts: 1 });

      // the same database served with the default allowlist: the queued delivery is refused, not sent
      const strict = createApp({ db: down.db, config: { ...down.config, webhookHosts: ['qyapi.weixin.qq.com'] } });
      await strict.notifications.flush(new Date(Date.now() + 31_000));
      strict.notifications.close();
      const refused = (await request(down.app).get('/api/notifications/webhooks').set('Cookie', await down.cookieFor('admin'))).body.webhooks[0];
      expect(refused.recent[0]).toMatchObject({ state: 'failed', attempts: 2 });
      expect(refused.lastError).toMatch(/not sent: host 127\.0\.0\.1:\d+ is not in WEBHOOK_HOSTS/);
    } finally {
      down.app.notifications.close();
    }
  });
});
