import { describe, expect, it } from 'vitest';
import { createToken, fetchTokens, revokeToken, tokenState } from './api';

function fakeServer(status: number, body?: unknown) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch, calls };
}

const token = { id: 3, username: 'planner', label: 'QGIS', prefix: 'qbt_abcdefgh', createdAt: '2026-12-01T00:00:00.000Z', expiresAt: null, lastUsedAt: null, revokedAt: null };

describe('tokens api', () => {
  it('lists, creates and revokes through /api/auth/tokens', async () => {
    const list = fakeServer(200, { tokens: [token] });
    expect(await fetchTokens(list.fetch)).toEqual([token]);
    expect(list.calls[0]!.url).toBe('/api/auth/tokens');

    const made = fakeServer(201, { token: 'qbt_secret', info: token });
    expect((await createToken({ label: 'QGIS', expiresInDays: 30 }, made.fetch)).token).toBe('qbt_secret');
    expect(made.calls[0]!.init).toMatchObject({ method: 'POST', body: JSON.stringify({ label: 'QGIS', expiresInDays: 30 }) });

    const revoked = fakeServer(204);
    await revokeToken(3, revoked.fetch);
    expect(revoked.calls[0]).toMatchObject({ url: '/api/auth/tokens/3', init: { method: 'DELETE' } });
  });

  it('refuses an answer that is no token list', async () => {
    await expect(fetchTokens(fakeServer(200, { nope: 1 }).fetch)).rejects.toThrow(TypeError);
  });

  it('tells usable, revoked and expired tokens apart', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    expect(tokenState(token, now)).toBe('usable');
    expect(tokenState({ ...token, revokedAt: '2026-12-02T00:00:00Z' }, now)).toBe('revoked');
    expect(tokenState({ ...token, expiresAt: '2026-12-06T00:00:00Z' }, now)).toBe('expired');
    expect(tokenState({ ...token, expiresAt: '2026-12-08T00:00:00Z' }, now)).toBe('usable');
  });
});
