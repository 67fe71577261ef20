import { performance } from 'node:perf_hooks';

/** Longest stretch of synchronous import work between two yields to the event loop, in milliseconds. */
export const SLICE_MS = 20;

/** Cuts long synchronous work into slices: `due()` is cheap to call often; `yield()` lets other requests run. */
export interface Slicer {
  /** Whether the current slice has run for its time. */
  due(): boolean;
  /** Yields to the event loop (setImmediate) and starts a new slice. */
  yield(): Promise<void>;
  /** Yields when the slice is due. */
  pause(): Promise<void>;
}

/** A slicer of `sliceMs` slices. */
export function createSlicer(sliceMs = SLICE_MS): Slicer {
  let start = performance.now();
  const slicer: Slicer = {
    due: () => performance.now() - start >= sliceMs,
    async yield() {
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = performance.now();
    },
    pause: () => (slicer.due() ? slicer.yield() : Promise.resolve()),
  };
  return slicer;
}
