import { describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { createLiveHub, type LiveHubOptions } from './liveHub';
import { FakeEventSource as FakeSource } from './testing';
import { useLiveEvents } from './useLiveEvents';

/** A hub over fake event sources and hand-run timers; `signedIn` answers the session check. */
function fakeHub(over: Partial<LiveHubOptions> = {}, signedIn = true) {
  const sources: FakeSource[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const hub = createLiveHub({
    connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
    delay: (n) => n * 1000,
    setTimeout: (run, ms) => timers.push({ run, ms }),
    clearTimeout: () => undefined,
    checkSession: async () => signedIn,
    ...over,
  });
  return { hub, sources, timers };
}

describe('createLiveHub', () => {
  it('serves every listener of a page over one stream, opened with the first and closed after the last', () => {
    const { hub, sources } = fakeHub();
    const seen: string[] = [];
    const cases = effectScope();
    const map = effectScope();
    cases.run(() => useLiveEvents({ hub, on: { 'case.created': (d) => seen.push(`case ${(d as { number: string }).number}`) } }));
    map.run(() => useLiveEvents({ hub, on: { 'layer.changed': (d) => seen.push(`layer ${(d as { layerId: string }).layerId}`) } }));
    expect(sources.map((s) => s.url)).toEqual(['/api/events']);
    sources[0]!.open();
    expect(hub.status.value).toBe('live');

    sources[0]!.emit('case.created', '4', { number: 'QB2011-000004' });
    sources[0]!.emit('layer.changed', '5', { layerId: 'cases', version: 9 });
    expect(seen).toEqual(['case QB2011-000004', 'layer cases']);

    cases.stop();
    expect(sources[0]!.closed).toBe(false);
    sources[0]!.emit('case.created', '6', { number: 'QB2011-000006' });
    expect(seen).toHaveLength(2);
    map.stop();
    expect(sources[0]!.closed).toBe(true);
  });

  it('reconnects a stream the server closed, asking for the events after the last one seen', async () => {
    const { hub, sources, timers } = fakeHub();
    const versions: number[] = [];
    const scope = effectScope();
    scope.run(() => useLiveEvents({ hub, on: { 'layer.changed': (d) => versions.push((d as { version: number }).version) } }));
    sources[0]!.open();
    sources[0]!.emit('layer.changed', '41', { layerId: 'garbage-rooms', version: 3 });
    sources[0]!.fail(true);
    expect(hub.status.value).toBe('offline');
    await vi.waitFor(() => expect(timers.map((t) => t.ms)).toEqual([1000]));
    timers.shift()!.run();
    expect(sources[1]!.url).toBe('/api/events?lastEventId=41');
    sources[1]!.open();
    sources[1]!.emit('layer.changed', '42', { layerId: 'garbage-rooms', version: 4 });
    sources[0]!.emit('layer.changed', '43', { layerId: 'garbage-rooms', version: 99 });
    expect(versions).toEqual([3, 4]);
    expect(hub.status.value).toBe('live');
    scope.stop();
  });

  it('keeps an anonymous map listening after a refused reconnect, but stops listeners that need a session', async () => {
    const anonymous = fakeHub({}, false);
    const mapScope = effectScope();
    mapScope.run(() => useLiveEvents({ hub: anonymous.hub, on: { 'layer.changed': () => undefined } }));
    anonymous.sources[0]!.fail(true);
    await vi.waitFor(() => expect(anonymous.timers).toHaveLength(1));
    expect(anonymous.hub.status.value).toBe('offline');
    mapScope.stop();

    const caseDesk = fakeHub({}, false);
    const reasons: string[] = [];
    const deskScope = effectScope();
    deskScope.run(() => {
      useLiveEvents({ hub: caseDesk.hub, on: { 'layer.changed': () => undefined } });
      useLiveEvents({ hub: caseDesk.hub, on: { 'case.created': () => undefined }, requireSession: true, onSignedOut: (r) => reasons.push(r) });
    });
    caseDesk.sources[0]!.fail(true);
    await vi.waitFor(() => expect(caseDesk.hub.status.value).toBe('signedOut'));
    expect(reasons).toEqual(['unauthenticated']);
    expect(caseDesk.timers).toEqual([]);
    deskScope.stop();
  });

  it('keeps the stream a moment after the last listener left, for the next page to reuse', () => {
    const { hub, sources, timers } = fakeHub({ lingerMs: 2000 });
    const first = effectScope();
    first.run(() => useLiveEvents({ hub, on: { 'case.changed': () => undefined } }));
    first.stop();
    expect(timers.map((t) => t.ms)).toEqual([2000]);
    const next = effectScope();
    const seen: unknown[] = [];
    next.run(() => useLiveEvents({ hub, on: { 'layer.changed': (d) => seen.push(d) } }));
    timers.shift()!.run();
    expect(sources).toHaveLength(1);
    expect(sources[0]!.closed).toBe(false);
    sources[0]!.emit('layer.changed', '1', { layerId: 'cases', version: 2 });
    expect(seen).toEqual([{ layerId: 'cases', version: 2 }]);
    next.stop();
    timers.shift()!.run();
    expect(sources[0]!.closed).toBe(true);
  });

  it('opens the stream again when another user signs in, even after it stopped for want of a session', async () => {
    const { hub, sources } = fakeHub({}, false);
    const notes: string[] = [];
    const scope = effectScope();
    scope.run(() => useLiveEvents({ hub, on: { notification: (d) => notes.push((d as { id: string }).id) }, requireSession: true }));
    sources[0]!.open();
    sources[0]!.emit('notification', '7', { id: 'for the first user' });
    sources[0]!.fail(true);
    await vi.waitFor(() => expect(hub.status.value).toBe('signedOut'));

    hub.restart();
    expect(sources.map((s) => s.url)).toEqual(['/api/events', '/api/events']);
    expect(hub.status.value).toBe('connecting');
    sources[1]!.open();
    sources[1]!.emit('notification', '9', { id: 'for the second user' });
    sources[0]!.emit('notification', '8', { id: 'late, from the old stream' });
    expect(notes).toEqual(['for the first user', 'for the second user']);
    expect(hub.status.value).toBe('live');

    // a restart with a live stream closes it first and does not replay the old session's events
    hub.restart();
    expect(sources[1]!.closed).toBe(true);
    expect(sources[2]!.url).toBe('/api/events');
    scope.stop();
  });
});
