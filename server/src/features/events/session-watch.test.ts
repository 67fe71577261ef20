import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@shared/auth';
import { watchSession, type SessionSource } from './session-watch';

const USER: SessionUser = { id: 7, username: 'leader', displayName: '领导', role: 'leader', department: null };

/** An auth source whose sessions are a map of token → user, with logout signals. */
function fakeAuth(sessions: Map<string, SessionUser>) {
  const listeners = new Set<(token: string) => void>();
  const auth: SessionSource = {
    resolve: (token) => (token ? sessions.get(token) : undefined),
    onLogout(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { auth, listeners, logout: (token: string) => [...listeners].forEach((l) => l(token)) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchSession', () => {
  it('ends once when the session no longer resolves to its user, at the next check', () => {
    const sessions = new Map([['t1', USER]]);
    const { auth, listeners } = fakeAuth(sessions);
    const onEnd = vi.fn();
    watchSession({ auth, token: 't1', user: USER, everyMs: 1000, onEnd });
    vi.advanceTimersByTime(2500);
    expect(onEnd).not.toHaveBeenCalled();
    sessions.delete('t1');
    vi.advanceTimersByTime(1000);
    expect(onEnd.mock.calls).toEqual([['session_ended']]);
    vi.advanceTimersByTime(5000);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('ends at once when its own token signs out, not when another does', () => {
    const { auth, logout, listeners } = fakeAuth(new Map([['t1', USER], ['t2', USER]]));
    const onEnd = vi.fn();
    watchSession({ auth, token: 't1', user: USER, everyMs: 60_000, onEnd });
    logout('t2');
    expect(onEnd).not.toHaveBeenCalled();
    logout('t1');
    expect(onEnd.mock.calls).toEqual([['signed_out']]);
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('ends when the token now belongs to someone else, and stop() clears everything', () => {
    const sessions = new Map([['t1', USER]]);
    const { auth, listeners } = fakeAuth(sessions);
    const onEnd = vi.fn();
    const stop = watchSession({ auth, token: 't1', user: USER, everyMs: 1000, onEnd });
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.size).toBe(0);
    sessions.set('t1', { ...USER, id: 8 });
    vi.advanceTimersByTime(5000);
    expect(onEnd).not.toHaveBeenCalled();
    const onEnd2 = vi.fn();
    watchSession({ auth, token: 't1', user: USER, everyMs: 1000, onEnd: onEnd2 });
    vi.advanceTimersByTime(1000);
    expect(onEnd2.mock.calls).toEqual([['session_ended']]);
  });
});
