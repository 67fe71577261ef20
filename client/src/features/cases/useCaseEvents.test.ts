import { describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { useCaseEvents, type EventSourceLike } from './useCaseEvents';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: string): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }));
  }
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

describe('useCaseEvents', () => {
  it('is live once the stream opens and hands over case and layer events', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sources: FakeSource[] = [];
    const seen: string[] = [];
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      onCase: (type, data) => seen.push(`${type} ${data.number} ${data.state}`),
      onLayer: (data) => seen.push(`layer ${data.layerId} v${data.version}`),
    }))!;

    expect(sources[0]!.url).toBe('/api/events');
    expect(live.status.value).toBe('connecting');
    sources[0]!.open();
    expect(live.status.value).toBe('live');
    sources[0]!.emit('case.created', JSON.stringify({ id: 7, number: 'QB2011-000007', state: 'reported', community: null, category: 'E01-02' }));
    sources[0]!.emit('case.changed', '{not json');
    sources[0]!.emit('layer.changed', JSON.stringify({ layerId: 'cases', version: 9 }));
    expect(seen).toEqual(['case.created QB2011-000007 reported', 'layer cases v9']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();

    scope.stop();
    expect(sources[0]!.closed).toBe(true);
  });

  it('lets the browser reconnect a dropped stream, and reconnects itself when the server closed it', () => {
    const sources: FakeSource[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const scope = effectScope();
    const live = scope.run(() => useCaseEvents({
      connect: (url) => sources[sources.push(new FakeSource(url)) - 1]!,
      delay: (n) => n * 1000,
      setTimeout: (run, ms) => timers.push({ run, ms }),
      clearTimeout: () => undefined,
    }))!;

    sources[0]!.open();
    sources[0]!.fail(false);
    expect(live.status.value).toBe('connecting');
    expect(sources).toHaveLength(1);

    sources[0]!.fail(true);
    expect(live.status.value).toBe('offline');
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers.shift()!.run();
    expect(sources).toHaveLength(2);
    sources[1]!.open();
    expect(live.status.value).toBe('live');
    scope.stop();
  });
});
