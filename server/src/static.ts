import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { CLIENT_PAGES } from './auth/policy';
import { negotiateCoding, SENT_AS_BUILT, type Coding } from './compression';

const NO_BUILD_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>清波一张图</title>
<body style="font:16px system-ui,sans-serif;margin:3rem"><h1>清波一张图 Qingbo One Map</h1>
<p>客户端尚未构建。请运行 <code>npm start</code>（会自动构建）或 <code>npm run build</code>。</p>
<p>The client has not been built yet: run <code>npm start</code> (it builds it) or <code>npm run build</code>.</p></body></html>`;

/** File suffix of each precompressed variant the client build writes next to a text asset. */
const VARIANT_SUFFIX: Record<Exclude<Coding, 'identity'>, string> = { br: '.br', gzip: '.gz' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Cache-Control of a built file: hashed assets forever, the service worker revalidated, the rest for an hour. */
function cacheControlOf(clientDist: string, file: string): string {
  if (path.relative(clientDist, file).startsWith(`assets${path.sep}`)) return IMMUTABLE;
  // a new deploy must reach every browser at its next visit
  if (path.basename(file) === 'sw.js') return 'no-cache';
  return 'public, max-age=3600';
}

const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;

/**
 * Sends a built file, or its brotli/gzip variant (`file.br`, `file.gz`, written at build time) when the client
 * accepts one: Content-Type of the original, Content-Encoding, `Vary: Accept-Encoding`, a Content-Length and an
 * ETag of the bytes sent (so each coding has its own). A client that refuses identity and every variant gets 406.
 */
function sendBuilt(req: Request, res: Response, file: string, cacheControl: string, status = 200): void {
  const variants = (Object.keys(VARIANT_SUFFIX) as (keyof typeof VARIANT_SUFFIX)[]).filter((c) => isFile(file + VARIANT_SUFFIX[c]));
  if (variants.length > 0) {
    res.vary('Accept-Encoding');
    res.locals[SENT_AS_BUILT] = true;
  }
  const coding = negotiateCoding(req.headers['accept-encoding'], variants);
  if (!coding) {
    res.status(406).json({ error: { code: 'not_acceptable', message: `no acceptable content coding; available: ${[...variants, 'identity'].join(', ')}` } });
    return;
  }
  res.status(status).type(path.extname(file)).setHeader('Cache-Control', cacheControl);
  // a hashed asset never changes: its ETag is enough, Last-Modified would only add bytes to every answer
  const lastModified = cacheControl !== IMMUTABLE;
  if (coding === 'identity') {
    res.sendFile(file, { cacheControl: false, lastModified });
    return;
  }
  res.setHeader('Content-Encoding', coding);
  res.sendFile(file + VARIANT_SUFFIX[coding], { cacheControl: false, acceptRanges: false, lastModified });
}

/**
 * Serves the built text assets that have precompressed variants (see `sendBuilt`); anything else falls through to
 * `express.static`.
 */
function precompressedAssets(clientDist: string): RequestHandler {
  const root = path.resolve(clientDist);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(`${root}${path.sep}`) || relative.includes('\0')) return next();
    if (!isFile(file) || !(isFile(`${file}.br`) || isFile(`${file}.gz`))) return next();
    sendBuilt(req, res, file, cacheControlOf(root, file));
  };
}

/**
 * The app's page with status 404, for a browser that navigates to a path no route has: the client
 * shows its not-found view (plain text when the client is not built).
 */
export function createNotFoundPage(clientDist: string): RequestHandler {
  const index = path.join(clientDist, 'index.html');
  return (req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type('text/plain').send('404 Not Found\n');
      return;
    }
    sendBuilt(req, res, index, 'no-cache', 404);
  };
}

/**
 * Serves the built client, with `index.html` for client-side routes. Text assets go out precompressed (brotli or
 * gzip, as accepted); hashed assets are cached as immutable.
 */
export function createStaticRouter(clientDist: string): Router {
  const router = Router();
  const index = path.join(clientDist, 'index.html');
  router.use(precompressedAssets(clientDist));
  router.use(express.static(clientDist, { index: false, maxAge: '1h', setHeaders: (res, file) => {
    const cacheControl = cacheControlOf(path.resolve(clientDist), file);
    if (cacheControl !== 'public, max-age=3600') res.setHeader('Cache-Control', cacheControl);
  } }));
  router.get(CLIENT_PAGES, (req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('html').send(NO_BUILD_PAGE);
      return;
    }
    sendBuilt(req, res, index, 'no-cache');
  });
  return router;
}
