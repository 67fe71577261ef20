import { featureCollection, point, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { effectScope, reactive } from 'vue';
import { createAnalysisRunner, useAnalysisRunner, type AnalysisWorker } from './analysisRunner';
import { bufferFeatures, MAX_ANALYSIS_FEATURES, TooManyFeaturesError } from './buffer';
import { answerRequest, type AnalysisRequest, type AnalysisResponse } from './protocol';

const A: [number, number] = [120.165, 30.245];
const rooms = featureCollection([point(A), point([120.166, 30.246])]);

/**
 * A worker in the same thread that behaves like the real one: messages are structured-cloned
 * both ways and answered by `answerRequest` on a later task; `hold` keeps answers back.
 */
class FakeWorker implements AnalysisWorker {
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: AnalysisRequest[] = [];
  terminated = false;
  held: (() => void)[] = [];
  constructor(private readonly hold = false) {}

  postMessage(message: AnalysisRequest): void {
    const request = structuredClone(message);
    this.received.push(request);
    const deliver = (data: AnalysisResponse) => {
      if (!this.terminated) this.onmessage?.({ data: structuredClone(data) } as MessageEvent<AnalysisResponse>);
    };
    const answer = () => deliver(answerRequest(request, deliver));
    if (this.hold) this.held.push(answer);
    else setTimeout(answer, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function spawner(hold = false) {
  const workers: FakeWorker[] = [];
  return { workers, spawn: () => { const w = new FakeWorker(hold); workers.push(w); return w; } };
}

describe('createAnalysisRunner', () => {
  it('sends a job to one lazily started worker and resolves with its answer', async () => {
    const { workers, spawn } = spawner();
    const runner = createAnalysisRunner(spawn);
    expect(workers).toHaveLength(0);
    const [one, two] = await Promise.all([
      runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } }),
      runner.run({ kind: 'buffer', input: { features: rooms.features.slice(0, 1), radiusM: 80 } }),
    ]);
    expect(one).toEqual(bufferFeatures(rooms.features, 50));
    expect(two).toEqual(bufferFeatures(rooms.features.slice(0, 1), 80));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received.map((r) => [r.id, r.kind])).toEqual([[1, 'buffer'], [2, 'buffer']]);
    expect(runner.usesWorker).toBe(true);
  });

  it('posts the targets of Vue reactive inputs, which cannot be cloned themselves', async () => {
    const { workers, spawn } = spawner();
    const runner = createAnalysisRunner(spawn);
    const input = reactive({ features: rooms.features, radiusM: 50 });
    await expect(runner.run({ kind: 'buffer', input })).resolves.toMatchObject({ count: 2 });
    expect(workers[0]!.received).toHaveLength(1);
  });

  it('passes the worker\'s progress reports to the job\'s callback before it resolves', async () => {
    const runner = createAnalysisRunner(spawner().spawn);
    const reports: number[] = [];
    const square = polygon([[[120.16, 30.24], [120.17, 30.24], [120.17, 30.25], [120.16, 30.25], [120.16, 30.24]]]);
    const result = await runner.run({ kind: 'coverage', input: { facilities: rooms, communities: featureCollection([square]), radiusM: 300 } }, undefined, (d) => reports.push(d));
    expect(result.facilities).toBe(2);
    expect(reports.length).toBeGreaterThan(3);
    expect(reports.at(-1)).toBe(1);
  });

  it('rejects with the revived error kind', async () => {
    const runner = createAnalysisRunner(spawner().spawn);
    const many = Array.from({ length: MAX_ANALYSIS_FEATURES + 1 }, () => point(A));
    const failure = runner.run({ kind: 'buffer', input: { features: many, radiusM: 50 } });
    await expect(failure).rejects.toBeInstanceOf(TooManyFeaturesError);
    await expect(failure).rejects.toMatchObject({ count: MAX_ANALYSIS_FEATURES + 1, limit: MAX_ANALYSIS_FEATURES });
    await expect(runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 0 } })).rejects.toBeInstanceOf(RangeError);
  });

  it('terminates a busy worker when its job is aborted and gives the other jobs to a fresh one', async () => {
    const { workers, spawn } = spawner(true);
    const runner = createAnalysisRunner(spawn);
    const controller = new AbortController();
    const old = runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } }, controller.signal);
    const other = runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 60 } });
    controller.abort();
    await expect(old).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received.map((r) => r.id)).toEqual([2]);
    workers[0]!.held.forEach((answer) => answer());
    workers[1]!.held.forEach((answer) => answer());
    await expect(other).resolves.toEqual(bufferFeatures(rooms.features, 60));
    await expect(runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves the worker alone when a finished job\'s signal is aborted later', async () => {
    const { workers, spawn } = spawner();
    const runner = createAnalysisRunner(spawn);
    const controller = new AbortController();
    await runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } }, controller.signal);
    controller.abort();
    expect(workers[0]!.terminated).toBe(false);
  });

  it('computes on the main thread without workers (null factory, as under happy-dom)', async () => {
    expect(typeof Worker).toBe('undefined');
    const runner = createAnalysisRunner();
    expect(runner.usesWorker).toBe(false);
    await expect(runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } })).resolves.toEqual(bufferFeatures(rooms.features, 50));
    await expect(runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: -5 } })).rejects.toBeInstanceOf(RangeError);
    const controller = new AbortController();
    const aborted = runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } }, controller.signal);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('falls back to the main thread when the worker fails to load or cannot be constructed', async () => {
    const { workers, spawn } = spawner(true);
    const runner = createAnalysisRunner(spawn);
    const waiting = runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } });
    workers[0]!.onerror?.({ preventDefault() {} } as ErrorEvent);
    await expect(waiting).resolves.toEqual(bufferFeatures(rooms.features, 50));
    expect(workers[0]!.terminated).toBe(true);
    expect(runner.usesWorker).toBe(false);
    await expect(runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 70 } })).resolves.toEqual(bufferFeatures(rooms.features, 70));
    expect(workers).toHaveLength(1);

    const refused = createAnalysisRunner(() => { throw new DOMException('blocked', 'SecurityError'); });
    await expect(refused.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } })).resolves.toMatchObject({ count: 2 });
    expect(refused.usesWorker).toBe(false);
  });

  it('terminates the worker and rejects open jobs when its component scope ends', async () => {
    const { workers, spawn } = spawner(true);
    const scope = effectScope();
    const runner = scope.run(() => useAnalysisRunner(spawn))!;
    const open = runner.run({ kind: 'buffer', input: { features: rooms.features, radiusM: 50 } });
    scope.stop();
    await expect(open).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
  });
});
