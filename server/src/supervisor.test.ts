import { describe, expect, it } from 'vitest';
import { isWorkerReady, nextDelayMs } from './supervisor';

describe('restart back-off', () => {
  it('starts at 0.5 s and doubles up to 30 s', () => {
    const delays: number[] = [];
    let delay: number | undefined;
    for (let i = 0; i < 9; i += 1) delays.push((delay = nextDelayMs(delay)));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe('worker messages', () => {
  it('recognise only a well-formed ready message', () => {
    expect(isWorkerReady({ type: 'ready', url: 'http://127.0.0.1:3000', banner: [] })).toBe(true);
    expect(isWorkerReady({ type: 'ready', url: 3000, banner: [] })).toBe(false);
    expect(isWorkerReady(null)).toBe(false);
    expect(isWorkerReady('ready')).toBe(false);
  });
});
