import http from 'node:http';
import https from 'node:https';
import type { OutboundRequest } from './robot-messages';

/** What one attempt gave: the HTTP status (null when none came) and, when it failed, why. */
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Sends one request; the worker's seam (tests may pass their own). */
export type Sender = (request: OutboundRequest) => Promise<SendResult>;

/** Limits of one attempt. */
export interface SendLimits {
  /** Whole attempt, connect to last byte, in milliseconds. */
  timeoutMs: number;
  /** Bytes of the answer read (the rest is dropped). */
  maxResponseBytes: number;
}

/**
 * A robot service answers 200 with an error code in the body (WeCom and DingTalk `errcode`,
 * Feishu `code`); a non-zero one is a failure.
 */
function robotError(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { errcode?: unknown; code?: unknown; errmsg?: unknown; msg?: unknown };
    const code = json.errcode ?? json.code;
    if (typeof code === 'number' && code !== 0) return `error ${code}: ${String(json.errmsg ?? json.msg ?? '')}`.trim();
  } catch {
    // not JSON: the status decides
  }
  return undefined;
}

/**
 * The real sender: a POST over node:http(s) that follows no redirect (a 3xx is a failure), ends after
 * `timeoutMs` and reads at most `maxResponseBytes` of the answer. 2xx without a robot error code is success.
 */
export function createSender(limits: SendLimits): Sender {
  return (request) => new Promise<SendResult>((resolve) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)), 'User-Agent': 'qingbo-one-map-webhooks' },
    }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size >= limits.maxResponseBytes) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= limits.maxResponseBytes) res.destroy();
      });
      const done = () => {
        const body = Buffer.concat(chunks).toString('utf8').slice(0, limits.maxResponseBytes);
        if (status < 200 || status >= 300) return finish({ ok: false, status, error: `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}` });
        const robot = robotError(body);
        finish(robot ? { ok: false, status, error: robot } : { ok: true, status, error: null });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    timer.unref();
    req.on('error', (err) => finish({ ok: false, status: null, error: err.message.slice(0, 300) }));
    req.end(request.body);
  });
}
