import { BusyError } from '../../errors';

/** Bounds of a work gate: how many jobs run at once, how many may wait, and what a refused client is told. */
export interface WorkGateOptions {
  /** Jobs running at once. */
  concurrency: number;
  /** Jobs waiting for a slot; one more is refused with 503. */
  queue: number;
  /** Seconds a refused client is asked to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  /** What the gate guards, for the 503 message (e.g. "photos"). */
  work?: string;
}

/** Gives a slot back; calling it again does nothing. */
export type Release = () => void;

/** A counting semaphore with a short queue: past it, work is refused instead of piling up. */
export interface WorkGate {
  /**
   * Waits for a slot and resolves with its release.
   * @throws BusyError (503 with Retry-After) when every slot is taken and the queue is full.
   */
  acquire(): Promise<Release>;
  /** Jobs running now. */
  readonly running: number;
  /** Jobs waiting now. */
  readonly waiting: number;
}

/** Creates a work gate; one per kind of heavy work in the process (image decoding, imports). */
export function createWorkGate(options: WorkGateOptions): WorkGate {
  const { concurrency, queue, retryAfterSeconds = 2, work = 'uploads' } = options;
  let running = 0;
  const waiters: (() => void)[] = [];

  const releaser = (): Release => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = waiters.shift();
      if (next) next();
      else running--;
    };
  };

  return {
    acquire() {
      if (running < concurrency) {
        running++;
        return Promise.resolve(releaser());
      }
      if (waiters.length >= queue) {
        return Promise.reject(new BusyError(`the server is busy with other ${work}; try again in ${retryAfterSeconds} s`, retryAfterSeconds));
      }
      return new Promise((resolve) => waiters.push(() => resolve(releaser())));
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiters.length;
    },
  };
}
