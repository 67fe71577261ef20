import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../api/http';
import { createFeature, replaceFeature } from './editApi';
import { serverFieldErrors } from './schemaForm';

const feature = { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [120.16, 30.24] }, properties: { name: '甲' } };

function fakeServer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init = {}) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  };
  return { fetch, calls };
}

describe('Part 4 writes', () => {
  it('POSTs a new feature and returns it with its ETag', async () => {
    const server = fakeServer(201, { ...feature, id: 42 }, { ETag: '"f42-v1"' });
    const saved = await createFeature(server.fetch, 'garbage-rooms', feature);
    expect(saved).toEqual({ feature: { ...feature, id: 42 }, etag: '"f42-v1"' });
    expect(server.calls[0]).toMatchObject({ url: '/ogc/collections/garbage-rooms/items', init: { method: 'POST', body: JSON.stringify(feature) } });
  });

  it('PUTs with If-Match and reports a 412 conflict as such', async () => {
    const server = fakeServer(412, { error: { code: 'precondition_failed', message: 'feature 42 was changed by someone else' } });
    await expect(replaceFeature(server.fetch, 'garbage-rooms', 42, feature, '"f42-v1"')).rejects.toMatchObject({ status: 412, code: 'precondition_failed' });
    expect(server.calls[0]?.init.headers).toMatchObject({ 'If-Match': '"f42-v1"' });
  });

  it('keeps a 400\'s details so the form can show them per field', async () => {
    const details = [{ path: 'properties.capacity_t_per_day', message: 'must be >= 0' }];
    const server = fakeServer(400, { error: { code: 'bad_request', message: 'invalid feature', details } });
    const error = await createFeature(server.fetch, 'garbage-rooms', feature).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(serverFieldErrors((error as { details: unknown }).details)).toEqual({ capacity_t_per_day: { code: 'server', message: 'must be >= 0' } });
  });
});
