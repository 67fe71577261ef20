import { describe, expect, it } from 'vitest';
import { BusyError } from '../../errors';
import { createWorkGate } from './work-gate';

describe('createWorkGate', () => {
  it('runs up to its concurrency at once, queues up to its queue length, and refuses the next with a 503 BusyError', async () => {
    const gate = createWorkGate({ concurrency: 2, queue: 1, retryAfterSeconds: 7, work: 'photos' });
    const first = await gate.acquire();
    await gate.acquire();
    const waiting = gate.acquire();
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    const refused = await gate.acquire().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ status: 503, code: 'busy', retryAfterSeconds: 7, message: 'the server is busy with other photos; try again in 7 s' });
    first();
    const third = await waiting;
    expect([gate.running, gate.waiting]).toEqual([2, 0]);
    third();
    expect(gate.running).toBe(1);
  });

  it('gives a slot back once, however often its release is called', async () => {
    const gate = createWorkGate({ concurrency: 1, queue: 0 });
    const release = await gate.acquire();
    release();
    release();
    expect(gate.running).toBe(0);
    const again = await gate.acquire();
    expect(gate.running).toBe(1);
    await expect(gate.acquire()).rejects.toBeInstanceOf(BusyError);
    again();
  });
});
