import type { Map as MaplibreMap } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RENDER_TIMEOUT_MS } from './capture';
import { usePrintExport, type PrintRequest } from './usePrintExport';

/** A map that never finishes drawing: it takes listeners and repaint requests but fires nothing. */
function stuckMap() {
  const listeners = new Set<string>();
  const map = {
    once: (type: string) => void listeners.add(type),
    off: (type: string) => void listeners.delete(type),
    triggerRepaint: () => {},
    getCanvas: () => ({ width: 800, height: 600 }),
  } as unknown as MaplibreMap;
  return { map, listeners };
}

const REQUEST: PrintRequest = {
  size: 'view',
  entries: [],
  now: new Date(2011, 5, 1, 10, 0),
  formatDate: (date) => date.toISOString(),
  texts: { title: '清波街道一张图', subtitle: '', legendHeading: '图例', more: (n) => `另有 ${n} 项`, north: '北', attribution: '', demoNote: '演示数据' },
};

afterEach(() => {
  vi.useRealTimers();
});

describe('usePrintExport', () => {
  it('reports a map that does not finish drawing as a timeout, stops waiting and can be retried', async () => {
    vi.useFakeTimers();
    const { map, listeners } = stuckMap();
    const printer = usePrintExport({ map });

    const running = printer.run(REQUEST);
    expect(printer.stage.value).toBe('map');
    expect(printer.progress.value).toBeGreaterThan(0);
    await printer.run(REQUEST);
    expect(listeners.size).toBe(1);

    await vi.advanceTimersByTimeAsync(RENDER_TIMEOUT_MS);
    await running;
    expect(printer.stage.value).toBe('error');
    expect(printer.error.value?.code).toBe('timeout');
    expect(printer.error.value?.message).toMatch(/did not finish drawing/);
    expect(printer.result.value).toBeNull();
    expect(listeners.size).toBe(0);

    const again = printer.run(REQUEST);
    expect(printer.stage.value).toBe('map');
    expect(printer.error.value).toBeNull();
    await vi.advanceTimersByTimeAsync(RENDER_TIMEOUT_MS);
    await again;
  });
});
