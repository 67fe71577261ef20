import { describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { setAuthFailureHandler, type AuthFailure } from '../../api/http';
import { FakeEventSource as FakeSource } from '../../live/testing';
import { useCaseEvents } from './useCaseEvents';

describe('useCaseEvents', () => {
  it('is live once the stream opens and hands over case events', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sources: FakeSource[] = [];
    const seen: string[] = [];
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      onCase: (type, data) => seen.push(`${type} ${data.number} ${data.state}`),
    }))!;

    expect(sources[0]!.url).toBe('/api/events');
    expect(live.status.value).toBe('connecting');
    sources[0]!.open();
    expect(live.status.value).toBe('live');
    sources[0]!.emitText('case.created', JSON.stringify({ id: 7, number: 'QB2011-000007', state: 'reported', community: null, category: 'E01-02' }));
    sources[0]!.emitText('case.changed', '{not json');
    expect(seen).toEqual(['case.created QB2011-000007 reported']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();

    scope.stop();
    expect(sources[0]!.closed).toBe(true);
  });

  it('lets the browser reconnect a dropped stream, and reconnects itself when the server closed it while still signed in', async () => {
    const sources: FakeSource[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const checkSession = vi.fn(async () => true);
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      delay: (n) => n * 1000,
      setTimeout: (run, ms) => timers.push({ run, ms }),
      clearTimeout: () => undefined,
      checkSession,
    }))!;

    sources[0]!.open();
    sources[0]!.fail(false);
    expect(live.status.value).toBe('connecting');
    expect(sources).toHaveLength(1);
    expect(checkSession).not.toHaveBeenCalled();

    sources[0]!.fail(true);
    expect(live.status.value).toBe('offline');
    await vi.waitFor(() => expect(timers.map((t) => t.ms)).toEqual([1000]));
    expect(checkSession).toHaveBeenCalledOnce();
    timers.shift()!.run();
    expect(sources).toHaveLength(2);
    sources[1]!.open();
    expect(live.status.value).toBe('live');
    scope.stop();
  });

  it('stops at once, without reconnecting, when the server ends the stream with its session', () => {
    const sources: FakeSource[] = [];
    const timers: unknown[] = [];
    const reasons: string[] = [];
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      setTimeout: (run) => timers.push(run),
      checkSession: async () => true,
      onSignedOut: (reason) => reasons.push(reason),
    }))!;
    sources[0]!.open();
    sources[0]!.emitText('end', JSON.stringify({ reason: 'signed_out' }));
    expect(live.status.value).toBe('signedOut');
    expect(sources[0]!.closed).toBe(true);
    expect(reasons).toEqual(['signed_out']);
    sources[0]!.fail(true);
    expect(reasons).toEqual(['signed_out']);
    expect(timers).toEqual([]);
    expect(sources).toHaveLength(1);
    scope.stop();
  });

  it('stops instead of reconnecting in a loop when a reconnect is refused and nobody is signed in', async () => {
    const sources: FakeSource[] = [];
    const timers: unknown[] = [];
    const reasons: string[] = [];
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      setTimeout: (run) => timers.push(run),
      checkSession: async () => false,
      onSignedOut: (reason) => reasons.push(reason),
    }))!;
    sources[0]!.open();
    sources[0]!.fail(true);
    await vi.waitFor(() => expect(live.status.value).toBe('signedOut'));
    expect(reasons).toEqual(['unauthenticated']);
    expect(timers).toEqual([]);
    expect(sources).toHaveLength(1);
    scope.stop();
  });

  it('keeps reconnecting with a growing delay when the session cannot be checked (offline)', async () => {
    const sources: FakeSource[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      delay: (n) => n * 1000,
      setTimeout: (run, ms) => timers.push({ run, ms }),
      checkSession: async () => {
        throw new TypeError('Failed to fetch');
      },
    }))!;
    sources[0]!.fail(true);
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    timers[0]!.run();
    sources[1]!.fail(true);
    await vi.waitFor(() => expect(timers.map((t) => t.ms)).toEqual([1000, 2000]));
    expect(live.status.value).toBe('offline');
    scope.stop();
  });

  it('by default hands the end of the session to the app-wide 401 handler', () => {
    const failures: AuthFailure[] = [];
    const remove = setAuthFailureHandler((f) => failures.push(f));
    const sources: FakeSource[] = [];
    const scope = effectScope();
    scope.run(() => useCaseEvents({ connect: (url) => sources[sources.push(new FakeSource(url)) - 1]! }));
    sources[0]!.emitText('end', JSON.stringify({ reason: 'session_ended' }));
    expect(failures).toEqual([{ status: 401, code: 'unauthenticated', message: expect.stringContaining('session_ended'), method: 'GET', url: '/api/events' }]);
    remove();
    scope.stop();
  });
});
