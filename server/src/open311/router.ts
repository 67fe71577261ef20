import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { BusyError, createErrorMapper, HttpError, NotFoundError } from '../errors';
import { parseBody, parseQuery } from '../validation';
import type { ApiKeyRepository } from './api-key-repository';
import { verifyApiKey } from './api-keys';
import type { RateLimiter } from './rate-limit';
import { commonQuery, OPEN311_FORMATS, requestForm, requestsQuery, type Open311Format } from './schemas';
import type { Open311Service } from './service';
import { xmlDocument, type XmlObject } from './xml';

/** The `:format` of a request (json or xml); 404 for any other. */
export function formatOf(req: Request): Open311Format {
  const format = String(req.params.format);
  if (!(OPEN311_FORMATS as readonly string[]).includes(format)) throw new NotFoundError(`no format "${format}" (json or xml)`);
  return format as Open311Format;
}

/** Answers in JSON, or as an XML document under `root`. */
export function send(res: Response, format: Open311Format, root: string, content: XmlObject[] | XmlObject, status = 200): void {
  res.status(status);
  if (format === 'json') res.json(content);
  else res.type('application/xml; charset=utf-8').send(xmlDocument(root, content));
}

/** The `attribute[code]` fields of a POSTed form. */
function attributesOf(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const m = /^attribute\[([\w-]{1,50})\]$/.exec(name);
    if (m && typeof value === 'string') out[m[1]!] = value;
  }
  return out;
}

/** GeoReport v2 at `/open311/v2`: services, service definitions, requests (GET, POST) and tokens, in JSON and XML. */
export function createOpen311Router(deps: { open311: Open311Service; keys: ApiKeyRepository; limiter: RateLimiter }): Router {
  const { open311, keys, limiter } = deps;
  const router = Router();

  router.get('/services.:format', (req, res) => {
    const format = formatOf(req);
    send(res, format, 'services', open311.services(parseQuery(commonQuery, req.query).lang ?? 'zh'));
  });

  router.get('/services/:code.:format', (req, res) => {
    const format = formatOf(req);
    send(res, format, 'service_definition', open311.definition(String(req.params.code), parseQuery(commonQuery, req.query).lang ?? 'zh'));
  });

  router.post('/requests.:format', express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 }), (req, res) => {
    const format = formatOf(req);
    const body = (req.is('application/x-www-form-urlencoded') ? req.body : {}) as Record<string, unknown>;
    const key = verifyApiKey(keys, typeof body.api_key === 'string' ? body.api_key : undefined);
    if (!key) throw new HttpError(403, 'invalid_api_key', 'a valid api_key is required');
    keys.touch(key.id, new Date().toISOString());
    const { allowed, retryAfterS } = limiter.take(String(key.id));
    if (!allowed) {
      res.set('Retry-After', String(retryAfterS));
      throw new HttpError(429, 'rate_limited', `too many requests with this api_key; try again in ${retryAfterS} s`);
    }
    const form = parseBody(requestForm, body);
    const lang = parseQuery(commonQuery, req.query).lang ?? 'zh';
    send(res, format, 'service_requests', [open311.create(form, attributesOf(body), key, lang)], 201);
  });

  router.get('/requests.:format', (req, res) => {
    const format = formatOf(req);
    send(res, format, 'service_requests', open311.list(parseQuery(requestsQuery, req.query)));
  });

  router.get('/requests/:id.:format', (req, res) => {
    const format = formatOf(req);
    const q = parseQuery(commonQuery, req.query);
    send(res, format, 'service_requests', [open311.get(String(req.params.id), q.lang ?? 'zh', q.extensions === 'true')]);
  });

  router.get('/tokens/:token.:format', (req, res) => {
    const format = formatOf(req);
    send(res, format, 'service_requests', [open311.token(String(req.params.token))]);
  });

  return router;
}

/** Open311 errors: `[{code, description}]` (XML: `<errors><error>`), code being the HTTP status. */
export function open311ErrorHandler(log: Logger): ErrorRequestHandler {
  const toHttp = createErrorMapper(log);
  return (err: unknown, req, res, _next) => {
    const known = toHttp(err);
    if (!known) log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled Open311 error');
    if (res.headersSent) return;
    const code = known?.status ?? 500;
    const description = known?.message ?? 'internal server error';
    if (known instanceof BusyError) res.set('Retry-After', String(known.retryAfterSeconds));
    send(res, /\.xml$/.test(req.path) ? 'xml' : 'json', 'errors', [{ code, description }], code);
  };
}
