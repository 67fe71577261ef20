import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { CLIENT_PAGES } from './auth/policy';

const NO_BUILD_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>清波一张图</title>
<body style="font:16px system-ui,sans-serif;margin:3rem"><h1>清波一张图 Qingbo One Map</h1>
<p>客户端尚未构建。请运行 <code>npm start</code>（会自动构建）或 <code>npm run build</code>。</p>
<p>The client has not been built yet: run <code>npm start</code> (it builds it) or <code>npm run build</code>.</p></body></html>`;

/**
 * The app's page with status 404, for a browser that navigates to a path no route has: the client
 * shows its not-found view (plain text when the client is not built).
 */
export function createNotFoundPage(clientDist: string): RequestHandler {
  const index = path.join(clientDist, 'index.html');
  return (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type('text/plain').send('404 Not Found\n');
      return;
    }
    res.status(404).setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}

/** Serves the built client, with `index.html` for client-side routes. */
export function createStaticRouter(clientDist: string): Router {
  const router = Router();
  const index = path.join(clientDist, 'index.html');
  router.use(express.static(clientDist, { index: false, maxAge: '1h', setHeaders: (res, file) => {
    if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    // a new deploy must reach every browser at its next visit
    else if (path.basename(file) === 'sw.js') res.setHeader('Cache-Control', 'no-cache');
  } }));
  router.get(CLIENT_PAGES, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('html').send(NO_BUILD_PAGE);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
