import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { BadRequestError, BusyError, createErrorMapper, HttpError, NotFoundError } from '../errors';
import { parseBody, parseQuery } from '../validation';
import type { ApiKeyRepository } from './api-key-repository';
import { verifyApiKey } from './api-keys';
import type { WindowLimiter } from '../features/rate-limits';
import { commonQuery, OPEN311_FORMATS, OPEN311_MEDIA_TYPES, requestForm, requestsQuery, type Open311Format } from './schemas';
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
  if (format === 'json') res.type(`${OPEN311_MEDIA_TYPES.json}; charset=utf-8`).send(JSON.stringify(content));
  else res.type(`${OPEN311_MEDIA_TYPES.xml}; charset=utf-8`).send(xmlDocument(root, content));
}

/** The `attribute[code]` fields of a POSTed form or JSON body (JSON may also nest them: `"attribute": {"code": "value"}`). */
function attributesOf(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, value] of Object.entries(nested)) if (/^[\w-]{1,50}$/.test(code) && typeof value === 'string') out[code] = value;
  }
  for (const [name, value] of Object.entries(body)) {
    const m = /^attribute\[([\w-]{1,50})\]$/.exec(name);
    if (m && typeof value === 'string') out[m[1]!] = value;
  }
  return out;
}

/** A POST's fields: a form, or a JSON object (anything else reads as no fields). */
function fieldsOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!req.is(['application/x-www-form-urlencoded', 'application/json']) || !body || typeof body !== 'object' || Array.isArray(body)) return {};
  return body as Record<string, unknown>;
}

/**
 * The `api_key` of a POST, from its body (form or JSON) or its query string; 400 when both give
 * one and they differ. (Keys in URLs end up in logs and histories: the body is the better place.)
 */
function apiKeyOf(req: Request, body: Record<string, unknown>): string | undefined {
  const inBody = typeof body.api_key === 'string' && body.api_key !== '' ? body.api_key : undefined;
  const inQuery = typeof req.query.api_key === 'string' && req.query.api_key !== '' ? req.query.api_key : undefined;
  if (inBody !== undefined && inQuery !== undefined && inBody !== inQuery) throw new BadRequestError('api_key is given twice (query string and body) with different values');
  return inBody ?? inQuery;
}

/** GeoReport v2 at `/open311/v2`: services, service definitions, requests (GET, POST) and tokens, in JSON and XML. */
export function createOpen311Router(deps: { open311: Open311Service; keys: ApiKeyRepository; limiter: Pick<WindowLimiter, 'take'> }): Router {
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
    const body = fieldsOf(req);
    const key = verifyApiKey(keys, apiKeyOf(req, body));
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
    if (!known) log.error({ err, method: req.method, url: req.originalUrl.replace(/([?&]api_key=)[^&]*/g, '$1[hidden]') }, 'unhandled Open311 error');
    if (res.headersSent) return;
    const code = known?.status ?? 500;
    const description = known?.message ?? 'internal server error';
    if (known instanceof BusyError) res.set('Retry-After', String(known.retryAfterSeconds));
    send(res, /\.xml$/.test(req.path) ? 'xml' : 'json', 'errors', [{ code, description }], code);
  };
}
