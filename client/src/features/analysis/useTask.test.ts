import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { useTask } from './useTask';

describe('useTask', () => {
  it('goes from running to done with the result', async () => {
    const task = useTask<number>();
    const running = task.run(() => 42);
    expect(task.status.value).toBe('running');
    await running;
    expect([task.status.value, task.result.value, task.error.value]).toEqual(['done', 42, null]);
  });

  it('reports a failure and keeps the previous result', async () => {
    const task = useTask<number>();
    await task.run(() => 1);
    await task.run(() => Promise.reject(new Error('HTTP 404')));
    expect([task.status.value, task.result.value, task.error.value]).toEqual(['error', 1, 'HTTP 404']);
  });

  it('describes a failure with the given function', async () => {
    const task = useTask<number>((e) => `failed: ${(e as Error).name}`);
    await task.run(() => { throw new RangeError('x'); });
    expect(task.error.value).toBe('failed: RangeError');
  });

  it('lets a newer run or a reset win over an older one', async () => {
    const task = useTask<string>();
    let release: (v: string) => void = () => {};
    const slow = task.run(() => new Promise<string>((resolve) => { release = resolve; }));
    await task.run(() => 'fast');
    await new Promise((r) => setTimeout(r, 0));
    release('slow');
    await slow;
    expect(task.result.value).toBe('fast');

    const again = task.run(() => 'late');
    task.reset();
    await again;
    expect([task.status.value, task.result.value]).toEqual(['idle', null]);
  });
});

describe('useTask progress', () => {
  it('shows what the run reports while it runs and forgets it when done', async () => {
    const task = useTask<number>();
    let report: (done: number) => void = () => {};
    let release: (v: number) => void = () => {};
    const running = task.run((_signal, r) => {
      report = r;
      return new Promise<number>((resolve) => { release = resolve; });
    });
    expect(task.progress.value).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    report(0.4);
    expect(task.progress.value).toBe(0.4);
    release(1);
    await running;
    expect([task.status.value, task.progress.value]).toEqual(['done', null]);
  });
});

describe('useTask cancellation', () => {
  it('aborts the older run\'s signal on a newer run, a reset or the end of its scope', async () => {
    const task = useTask<string>();
    const signals: AbortSignal[] = [];
    const hang = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>(() => {});
    };
    void task.run(hang);
    await new Promise((r) => setTimeout(r, 0));
    void task.run(hang);
    await new Promise((r) => setTimeout(r, 0));
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    task.reset();
    expect(signals[1]!.aborted).toBe(true);

    const scope = effectScope();
    const scoped = scope.run(() => useTask<string>())!;
    void scoped.run(hang);
    await new Promise((r) => setTimeout(r, 0));
    scope.stop();
    expect(signals[2]!.aborted).toBe(true);
  });

  it('does not start work a newer run has already replaced', async () => {
    const task = useTask<number>();
    let calls = 0;
    const first = task.run(() => ++calls);
    await task.run(() => 10);
    await first;
    expect([calls, task.result.value]).toEqual([0, 10]);
  });
});
