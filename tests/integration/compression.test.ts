import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateCoding } from '../../server/src/compression';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

/** One raw answer: the bytes as they came over the wire, not decoded. */
interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

let s: SecuredApp;
let server: http.Server;
let base: string;

const ASSET = '/assets/app-1a2b3c.js';
const IDENTITY_JS = `console.log(${JSON.stringify('x'.repeat(3000))});\n`;
const BR_JS = 'brotli variant';
const GZ_JS = 'gzip variant, a little longer';

beforeAll(async () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-dist-compression-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), `<!doctype html><title>app shell</title>${'<!-- padding -->'.repeat(100)}`);
  fs.writeFileSync(path.join(dist, 'index.html.br'), zlib.brotliCompressSync('<!doctype html><title>app shell (br)</title>'));
  fs.writeFileSync(path.join(dist, 'index.html.gz'), zlib.gzipSync('<!doctype html><title>app shell (gz)</title>'));
  // the variants' bytes are told apart by their length and content: the server must send them as they are
  fs.writeFileSync(path.join(dist, ASSET), IDENTITY_JS);
  fs.writeFileSync(path.join(dist, `${ASSET}.br`), BR_JS);
  fs.writeFileSync(path.join(dist, `${ASSET}.gz`), GZ_JS);
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  s = await createSecuredApp({ clientDist: dist, publicRead: true });
  server = http.createServer(s.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  s.app.events.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressed client assets', () => {
  it('sends the brotli file to a browser that accepts brotli', async () => {
    const res = await get(ASSET, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.toString()).toBe(BR_JS);
    expect(res.headers['content-length']).toBe(String(BR_JS.length));
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the gzip file when brotli is not accepted or weighs less', async () => {
    for (const accept of ['gzip, deflate', 'br;q=0.5, gzip', 'br;q=0, *']) {
      const res = await get(ASSET, { 'Accept-Encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(res.body.toString(), accept).toBe(GZ_JS);
      expect(res.headers['content-length'], accept).toBe(String(GZ_JS.length));
    }
  });

  it('sends the file itself without Accept-Encoding, or when only identity is acceptable', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }, { 'Accept-Encoding': 'deflate' }] as Record<string, string>[]) {
      const res = await get(ASSET, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toBe(IDENTITY_JS);
      expect(res.headers['content-length']).toBe(String(IDENTITY_JS.length));
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
    }
  });

  it('answers 406 when every coding it has is refused, identity included', async () => {
    const res = await get(ASSET, { 'Accept-Encoding': 'identity;q=0, br;q=0, gzip;q=0' });
    expect(res.status).toBe(406);
  });

  it('gives each coding its own ETag and answers 304 to a matching If-None-Match', async () => {
    const br = await get(ASSET, { 'Accept-Encoding': 'br' });
    const gz = await get(ASSET, { 'Accept-Encoding': 'gzip' });
    const plain = await get(ASSET);
    const tags = [br.headers.etag, gz.headers.etag, plain.headers.etag];
    expect(tags.every(Boolean)).toBe(true);
    expect(new Set(tags).size).toBe(3);
    const again = await get(ASSET, { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag! });
    expect(again.status).toBe(304);
  });

  it('answers HEAD with the headers of the chosen variant and no body', async () => {
    const res = await get(ASSET, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-length']).toBe(String(BR_JS.length));
    expect(res.body.length).toBe(0);
  });

  it('sends the app page of a client route and of a browser\'s 404 precompressed, not cached', async () => {
    const page = await get('/map', { 'Accept-Encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(zlib.gunzipSync(page.body).toString()).toContain('app shell (gz)');
    const missing = await get('/no/such/page', { 'Accept-Encoding': 'br', Accept: 'text/html' });
    expect(missing.status).toBe(404);
    expect(zlib.brotliDecompressSync(missing.body).toString()).toContain('app shell (br)');
  });

  it('serves a file without variants as before, with its 1-hour caching', async () => {
    const res = await get('/favicon.svg', { 'Accept-Encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('compressed API answers', () => {
  it('compresses a JSON answer over 1 KB for a client that accepts it', async () => {
    const plain = await get('/ogc/collections?f=json');
    expect(plain.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await get('/ogc/collections?f=json', { 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const gz = await get('/ogc/collections?f=json', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('compresses GeoJSON items', async () => {
    const res = await get('/ogc/collections/garbage-rooms/items?limit=50', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(res.body).toString()).type).toBe('FeatureCollection');
  });

  it('leaves a small JSON answer as it is', async () => {
    const res = await get('/api/health', { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ status: 'ok' });
  });

  it('answers HEAD of a large JSON document without a body', async () => {
    const res = await get('/ogc/collections?f=json', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });

  it('does not compress the live event stream', async () => {
    const cookie = await s.cookieFor('supervisor');
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${base}/api/events`, { headers: { Accept: 'text/event-stream', 'Accept-Encoding': 'br, gzip', Cookie: cookie } }, resolve).on('error', reject);
    });
    const first = await new Promise<string>((resolve) => res.once('data', (c: Buffer) => resolve(c.toString())));
    res.destroy();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(first).toMatch(/retry: \d+/);
  });
});

describe('negotiateCoding', () => {
  it.each([
    [undefined, ['br', 'gzip'], 'identity'],
    ['', ['br', 'gzip'], 'identity'],
    ['gzip, br', ['br', 'gzip'], 'br'],
    ['gzip, br', ['gzip'], 'gzip'],
    ['br;q=0.1, gzip;q=0.9', ['br', 'gzip'], 'gzip'],
    ['*', ['br', 'gzip'], 'br'],
    ['*;q=0', ['br', 'gzip'], undefined],
    ['identity;q=0, gzip;q=0.2', ['br'], undefined],
    ['x-gzip', ['br', 'gzip'], 'gzip'],
    ['GZIP;Q=0.5, identity;q=0.4', ['gzip'], 'gzip'],
  ] as const)('Accept-Encoding %j with %j available → %s', (header, available, expected) => {
    expect(negotiateCoding(header, available)).toBe(expected);
  });
});
