import { getCurrentScope, onScopeDispose, toRaw } from 'vue';
import { computeAnalysis, isProgress, reviveError, type AnalysisJob, type AnalysisJobs, type AnalysisKind, type AnalysisRequest, type AnalysisResponse } from './protocol';

/** The part of a `Worker` the runner uses (a fake one in unit tests). */
export interface AnalysisWorker {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: AnalysisRequest): void;
  terminate(): void;
}

/** Runs analysis jobs in a worker, or on the main thread where there is none. */
export interface AnalysisRunner {
  /** Whether jobs go to a worker now (false without Worker support or after the worker failed to start). */
  readonly usesWorker: boolean;
  /**
   * The job's result. An abort of `signal` rejects with its reason and, while the job is being
   * computed, terminates the worker (the next job starts a fresh one); errors come back as the
   * computation threw them (TooManyFeaturesError with its figures, RangeError, ...). `onProgress`
   * is told the share done (0 to 1) as the worker reports it.
   */
  run<K extends AnalysisKind>(job: AnalysisJob<K>, signal?: AbortSignal, onProgress?: (done: number) => void): Promise<AnalysisJobs[K]['result']>;
  /** Terminates the worker and rejects every job under way. */
  dispose(): void;
}

interface Pending {
  job: AnalysisJob;
  onProgress?: (done: number) => void;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/** Starts the bundled analysis worker (Vite emits analysis.worker.ts as its own chunk). */
export function startAnalysisWorker(): AnalysisWorker {
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }) as AnalysisWorker;
}

/** `startAnalysisWorker` where the browser has workers; null (main thread) elsewhere, e.g. under happy-dom. */
export function defaultWorkerFactory(): (() => AnalysisWorker) | null {
  return typeof Worker === 'undefined' ? null : startAnalysisWorker;
}

/** A copy-free view of a job for `postMessage`: Vue's reactive proxies cannot be cloned, their targets can. */
function plainJob(job: AnalysisJob): AnalysisJob {
  const input = Object.fromEntries(Object.entries(toRaw(job.input)).map(([k, v]) => [k, typeof v === 'object' && v !== null ? toRaw(v) : v]));
  return { kind: job.kind, input } as AnalysisJob;
}

function aborted(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('the analysis run was cancelled', 'AbortError');
}

/**
 * A runner over one lazily started worker from `spawn` (null: every job on the main thread). A
 * worker that fails to load (blocked, offline without a cached copy) is dropped and its jobs,
 * and all later ones, run on the main thread.
 */
export function createAnalysisRunner(spawn: (() => AnalysisWorker) | null = defaultWorkerFactory()): AnalysisRunner {
  let worker: AnalysisWorker | undefined;
  let broken = spawn === null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  async function onMainThread(job: AnalysisJob, signal?: AbortSignal): Promise<unknown> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) throw aborted(signal);
    return computeAnalysis(job);
  }

  function stopWorker(): void {
    worker?.terminate();
    worker = undefined;
  }

  function send(id: number, entry: Pending): void {
    let target: AnalysisWorker;
    try {
      target = ensureWorker();
    } catch {
      // Worker construction refused (e.g. by a policy): compute here from now on.
      broken = true;
      pending.delete(id);
      onMainThread(entry.job).then(entry.resolve, entry.reject);
      return;
    }
    try {
      target.postMessage({ ...plainJob(entry.job), id } as AnalysisRequest);
    } catch (e) {
      pending.delete(id);
      entry.reject(e);
    }
  }

  function ensureWorker(): AnalysisWorker {
    if (worker) return worker;
    const started = spawn!();
    started.onmessage = ({ data }) => {
      const entry = pending.get(data.id);
      if (!entry) return;
      if (isProgress(data)) {
        entry.onProgress?.(data.progress);
        return;
      }
      pending.delete(data.id);
      if (data.ok) entry.resolve(data.result);
      else entry.reject(reviveError(data.error));
    };
    started.onerror = (event) => {
      event.preventDefault?.();
      broken = true;
      stopWorker();
      const waiting = [...pending.values()];
      pending.clear();
      for (const entry of waiting) onMainThread(entry.job).then(entry.resolve, entry.reject);
    };
    worker = started;
    return started;
  }

  function run<K extends AnalysisKind>(job: AnalysisJob<K>, signal?: AbortSignal, onProgress?: (done: number) => void): Promise<AnalysisJobs[K]['result']> {
    const anyJob = job as AnalysisJob;
    if (signal?.aborted) return Promise.reject(aborted(signal));
    if (broken) return onMainThread(anyJob, signal) as Promise<AnalysisJobs[K]['result']>;
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const entry: Pending = { job: anyJob, onProgress, resolve: resolve as (v: unknown) => void, reject };
      pending.set(id, entry);
      signal?.addEventListener('abort', () => {
        if (!pending.delete(id)) return;
        reject(aborted(signal));
        // The worker is busy with this job (or queued behind it): start over with the others.
        stopWorker();
        for (const [otherId, other] of pending) send(otherId, other);
      }, { once: true });
      send(id, entry);
    });
  }

  function dispose(): void {
    stopWorker();
    const waiting = [...pending.values()];
    pending.clear();
    for (const entry of waiting) entry.reject(new DOMException('the analysis runner was disposed', 'AbortError'));
  }

  return {
    get usesWorker() { return !broken; },
    run,
    dispose,
  };
}

/** An analysis runner for the calling component, disposed (its worker terminated) with it. */
export function useAnalysisRunner(spawn?: (() => AnalysisWorker) | null): AnalysisRunner {
  const runner = createAnalysisRunner(spawn === undefined ? defaultWorkerFactory() : spawn);
  if (getCurrentScope()) onScopeDispose(() => runner.dispose());
  return runner;
}
