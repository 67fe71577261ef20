import { getCurrentScope, onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue';

/** Progress of one analysis run. */
export type TaskStatus = 'idle' | 'running' | 'done' | 'error';

/** What `useTask` returns. */
export interface UseTaskReturn<T> {
  status: Ref<TaskStatus>;
  /** The last run's result; kept while a new run is going. */
  result: ShallowRef<T | null>;
  /** Why the last run failed. */
  error: Ref<string | null>;
  /** The share of the run under way done (0 to 1) as its work reports it; null when not reported. */
  progress: Ref<number | null>;
  /**
   * Runs the work after letting the page paint its progress state; a newer run or `reset` wins
   * over an older one and aborts the older one's signal (so is leaving the component's scope).
   * The work may report its progress through `report`.
   */
  run(work: (signal: AbortSignal, report: (done: number) => void) => Promise<T> | T): Promise<void>;
  /** Forgets the result and cancels any run under way. */
  reset(): void;
}

/** One analysis run at a time with its progress, result and error; `describe` turns a failure into the text shown. */
export function useTask<T>(describe: (e: unknown) => string = (e) => (e instanceof Error ? e.message : String(e))): UseTaskReturn<T> {
  const status = ref<TaskStatus>('idle');
  const result = shallowRef<T | null>(null);
  const error = ref<string | null>(null);
  const progress = ref<number | null>(null);
  let generation = 0;
  let controller: AbortController | undefined;

  function cancel(): void {
    generation++;
    controller?.abort();
    controller = undefined;
  }

  async function run(work: (signal: AbortSignal, report: (done: number) => void) => Promise<T> | T): Promise<void> {
    cancel();
    const current = generation;
    const own = new AbortController();
    controller = own;
    status.value = 'running';
    error.value = null;
    progress.value = null;
    const report = (done: number) => {
      if (current === generation) progress.value = done;
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (current !== generation) return;
      const value = await work(own.signal, report);
      if (current !== generation) return;
      result.value = value;
      status.value = 'done';
    } catch (e) {
      if (current !== generation) return;
      error.value = describe(e);
      status.value = 'error';
    } finally {
      if (current === generation) progress.value = null;
      if (controller === own) controller = undefined;
    }
  }

  function reset(): void {
    cancel();
    status.value = 'idle';
    result.value = null;
    error.value = null;
    progress.value = null;
  }

  if (getCurrentScope()) onScopeDispose(cancel);
  return { status, result, error, progress, run, reset };
}
