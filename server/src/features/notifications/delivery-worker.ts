import type { Logger } from 'pino';
import { buildRequest, type WebhookPayload } from './robot-messages';
import type { Sender } from './webhook-sender';
import { webhookUrlProblem } from './webhook-url';
import type { AttemptOutcome, DueDelivery, WebhookRepository } from './webhook-repository';

/** Retry policy of deliveries. */
export const DELIVERY_RETRY = {
  /** Wait before the second attempt; doubled after each failure (30 s, 1 min, 2 min … up to `maxMs`). */
  baseMs: 30_000,
  maxMs: 3_600_000,
  /** Attempts in all before a delivery is given up (`failed`). */
  maxAttempts: 8,
  /** Deliveries sent per run. */
  batch: 20,
  /** Finished deliveries kept per webhook. */
  keep: 50,
  /**
   * How long a process's claim on a delivery lasts (longer than one attempt may take): a process killed
   * mid-attempt leaves its delivery to another process after this long.
   */
  leaseMs: 120_000,
  /**
   * The longest the timer sleeps, even with nothing due: another process may have queued a delivery
   * (its own worker is woken at once, but it may die first) or left a claim that has since ended.
   */
  pollMs: 60_000,
} as const;

/** The wait after `attempts` failed attempts. */
export const retryDelayMs = (attempts: number): number => Math.min(DELIVERY_RETRY.baseMs * 2 ** (attempts - 1), DELIVERY_RETRY.maxMs);

/** What the worker needs. */
export interface DeliveryWorkerDeps {
  webhooks: WebhookRepository;
  send: Sender;
  allowedHosts: readonly string[];
  log: Logger;
}

/**
 * Sends queued webhook deliveries in the background: a timer (unref'd, so it never keeps the process
 * alive) set for the next due delivery and at most `pollMs` away, woken at once by `kick` when something is queued. Each process
 * runs one; a delivery is claimed before it is sent (see `createWebhookRepository`), so it goes out once. A failed
 * attempt is retried with exponential back-off up to `maxAttempts`; a host no longer allowed fails at once.
 * Nothing it does throws into the workflow.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const { webhooks, send, allowedHosts, log } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> = Promise.resolve(0);
  let closed = false;

  async function attempt(d: DueDelivery, now: Date): Promise<AttemptOutcome> {
    const problem = webhookUrlProblem(d.url, allowedHosts);
    if (problem) return { state: 'failed', status: null, error: `not sent: ${problem}`, nextAt: null };
    const result = await send(buildRequest(d, JSON.parse(d.payload) as WebhookPayload, now));
    if (result.ok) return { state: 'sent', status: result.status, error: null, nextAt: null };
    const tries = d.attempts + 1;
    if (tries >= DELIVERY_RETRY.maxAttempts) return { state: 'failed', status: result.status, error: `${result.error} (gave up after ${tries} attempts)`, nextAt: null };
    return { state: 'pending', status: result.status, error: result.error, nextAt: new Date(now.getTime() + retryDelayMs(tries)).toISOString() };
  }

  async function run(now: Date): Promise<number> {
    let sent = 0;
    const at = now.toISOString();
    const until = new Date(now.getTime() + DELIVERY_RETRY.leaseMs).toISOString();
    for (let i = 0; i < DELIVERY_RETRY.batch && !closed; i += 1) {
      const d = webhooks.claimDue(at, until);
      if (!d) break;
      const outcome = await attempt(d, now).catch((err: unknown) => ({ state: 'pending', status: null, error: String(err), nextAt: new Date(now.getTime() + retryDelayMs(d.attempts + 1)).toISOString() }) as AttemptOutcome);
      if (closed) break;
      if (webhooks.recordAttempt(d, outcome, new Date().toISOString(), DELIVERY_RETRY.keep) && outcome.state === 'sent') sent += 1;
    }
    return sent;
  }

  function schedule(): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    let wait: number = DELIVERY_RETRY.pollMs;
    try {
      const next = webhooks.nextDue();
      if (next !== undefined) wait = Math.max(0, Math.min(Date.parse(next) - Date.now(), DELIVERY_RETRY.pollMs));
    } catch (err) {
      // the database is away: look again after a while (it reconnects by itself)
      log.error({ err }, 'scheduling webhook deliveries failed');
    }
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, wait);
    timer.unref();
  }

  /** Sends what is due at `now` (after any run under way), then sets the timer for what is left; resolves to how many were sent. */
  function flush(now?: Date): Promise<number> {
    running = running.then(() => (closed ? 0 : run(now ?? new Date()))).catch((err: unknown) => {
      if (!closed) log.error({ err }, 'webhook deliveries failed');
      return 0;
    }).then((n) => {
      schedule();
      return n;
    });
    return running;
  }

  return {
    /** Something was queued: send it soon (on the next turn of the event loop). */
    kick(): void {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void flush();
      }, 0);
      timer.unref();
    },
    flush,
    /** Stops the timer; later kicks do nothing. */
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The delivery worker's interface. */
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
