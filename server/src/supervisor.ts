import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** Exit code of a worker that cannot start because of its configuration (ConfigError, SeedError, EADDRINUSE). */
export const CONFIG_EXIT_CODE = 2;

/** Restart back-off: the first delay, its ceiling, and how long a worker must run before the delay resets. */
export const RESTART_BACKOFF = { firstMs: 500, maxMs: 30_000, healthyMs: 60_000 } as const;

/** How many workers in a row may die before becoming ready (other than a config error) before the supervisor gives up. */
export const MAX_START_FAILURES = 5;

/** How long workers get to close cleanly after SIGTERM before they are killed. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What a worker tells the supervisor once it listens. */
export interface WorkerReady {
  type: 'ready';
  url: string;
  /** Lines to print once per supervisor run (URL, demo accounts, demo api_key). */
  banner: string[];
}

/** Whether an IPC message is a worker's ready message. */
export function isWorkerReady(message: unknown): message is WorkerReady {
  const m = message as Partial<WorkerReady> | null;
  return typeof m === 'object' && m !== null && m.type === 'ready' && typeof m.url === 'string' && Array.isArray(m.banner);
}

/** The delay before the next restart of a slot whose previous delay was `previousMs` (undefined: first restart). */
export function nextDelayMs(previousMs: number | undefined): number {
  if (previousMs === undefined) return RESTART_BACKOFF.firstMs;
  return Math.min(previousMs * 2, RESTART_BACKOFF.maxMs);
}

/** Options of {@link superviseWorkers}. */
export interface SupervisorOptions {
  /** The worker entry module (it listens and sends {@link WorkerReady}). */
  exec: string;
  /** How many workers to keep running (`WORKERS`; they share the listening socket through node:cluster). */
  workers: number;
  log: Logger;
  /** Prints the start-up banner (once per run). */
  print?: (lines: string[]) => void;
}

interface Slot {
  index: number;
  worker?: Worker;
  readyAt?: number;
  delayMs?: number;
  startFailures: number;
  timer?: NodeJS.Timeout;
}

/**
 * Runs the server in node:cluster workers and keeps them running: a dead worker is restarted
 * after an exponential back-off (0.5 s doubling to 30 s, reset once a worker has served for a
 * minute) and its exit code or signal is logged. A worker that exits with {@link CONFIG_EXIT_CODE}
 * before it is ready, or {@link MAX_START_FAILURES} start-up deaths in a row, stop the supervisor
 * (exit code 2 or 1) instead of a restart loop. With several workers the first starts alone (it migrates the
 * database and seeds an empty one) and the others once it is ready. SIGTERM and SIGINT are passed on to the workers,
 * and the supervisor exits once they have closed.
 */
export function superviseWorkers(options: SupervisorOptions): void {
  const { log, exec } = options;
  const print = options.print ?? ((lines: string[]) => console.log(lines.join('\n')));
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({ index, startFailures: 0 }));
  let bannerShown = false;
  let stopping = false;
  cluster.setupPrimary({ exec });

  const alive = () => slots.filter((s) => s.worker && !s.worker.isDead());

  function giveUp(code: number, message: string): void {
    stopping = true;
    log.fatal({ exitCode: code }, message);
    console.error(message);
    for (const s of slots) clearTimeout(s.timer);
    for (const s of alive()) s.worker!.process.kill('SIGTERM');
    process.exitCode = code;
    if (alive().length === 0) process.exit(code);
  }

  function start(slot: Slot): void {
    slot.timer = undefined;
    slot.readyAt = undefined;
    const worker = cluster.fork({ QINGBO_WORKER: String(slot.index) });
    slot.worker = worker;
    log.info({ worker: slot.index, workerPid: worker.process.pid }, 'worker started');
    worker.on('message', (message: unknown) => {
      if (!isWorkerReady(message)) return;
      slot.readyAt = Date.now();
      slot.startFailures = 0;
      log.info({ worker: slot.index, workerPid: worker.process.pid, url: message.url }, 'worker ready');
      for (const other of slots) if (!other.worker && !stopping) start(other);
      if (bannerShown) return;
      bannerShown = true;
      print(message.banner);
    });
    worker.on('exit', (code, signal) => exited(slot, worker, code, signal));
  }

  function exited(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    const workerPid = worker.process.pid;
    const ranMs = slot.readyAt === undefined ? undefined : Date.now() - slot.readyAt;
    if (stopping) {
      log.info({ worker: slot.index, workerPid, code, signal }, 'worker stopped');
      if (alive().length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
    if (ranMs === undefined && code === CONFIG_EXIT_CODE) {
      giveUp(CONFIG_EXIT_CODE, `The server cannot start (worker ${why}: a configuration, seed or port error, see above). Not restarting: fix it and run npm start again.`);
      return;
    }
    if (ranMs === undefined) slot.startFailures += 1;
    if (slot.startFailures >= MAX_START_FAILURES) {
      giveUp(1, `The server died ${slot.startFailures} times in a row before it was ready (last: ${why}). Not restarting: see the errors above.`);
      return;
    }
    if (ranMs !== undefined && ranMs >= RESTART_BACKOFF.healthyMs) slot.delayMs = undefined;
    slot.delayMs = nextDelayMs(slot.delayMs);
    log.error({ worker: slot.index, workerPid, code, signal, ranMs, restartInMs: slot.delayMs }, `worker ${why}; restarting`);
    slot.timer = setTimeout(() => start(slot), slot.delayMs);
  }

  function shutdown(signal: NodeJS.Signals): void {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down the workers');
    for (const s of slots) clearTimeout(s.timer);
    const running = alive();
    if (running.length === 0) process.exit(0);
    for (const s of running) s.worker!.process.kill('SIGTERM');
    setTimeout(() => {
      for (const s of alive()) s.worker!.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS).unref();
  }

  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // the first worker migrates (and seeds an empty database) alone; the others start once it is ready
  start(slots[0]!);
}
