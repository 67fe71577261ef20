import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;

/** Headers a document needs and a subresource never reads. */
const DOCUMENT_ONLY = [
  'content-security-policy', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-frame-options', 'x-xss-protection',
  'x-download-options', 'x-dns-prefetch-control', 'referrer-policy', 'x-permitted-cross-domain-policies',
];

beforeAll(async () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-dist-headers-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app shell</title>');
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.js'), 'console.log("app");\n');
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.css'), 'body { margin: 0 }\n');
  fs.writeFileSync(path.join(dist, 'assets/analysis.worker-XyZ789.js'), 'self.onmessage = () => {};\n');
  fs.writeFileSync(path.join(dist, 'assets/maplibre-gl-worker-Qw12.mjs'), 'self.onmessage = () => {};\n');
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  s = await createSecuredApp({ clientDist: dist, publicRead: true });
});

afterAll(() => s.app.events.close());

describe('security headers of built files', () => {
  it('gives a hashed script or stylesheet only the subresource headers', async () => {
    for (const url of ['/assets/index-AbC123.js', '/assets/index-AbC123.css']) {
      const res = await request(s.app).get(url).expect(200);
      for (const name of DOCUMENT_ONLY) expect(res.headers[name], `${url} ${name}`).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['etag']).toBeTruthy();
    }
  });

  it('keeps the Content-Security-Policy of worker scripts, whose CSP comes from their own response', async () => {
    for (const url of ['/assets/analysis.worker-XyZ789.js', '/assets/maplibre-gl-worker-Qw12.mjs', '/sw.js']) {
      const res = await request(s.app).get(url).expect(200);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps every document header on the app page', async () => {
    const res = await request(s.app).get('/cases/new').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('keeps the document headers on API answers', async () => {
    const res = await request(s.app).get('/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
