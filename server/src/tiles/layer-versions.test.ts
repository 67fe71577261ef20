import { describe, expect, it } from 'vitest';
import { createLayerVersionMemo } from './layer-versions';

/** A stand-in for the `layers` table that counts its reads. */
function table(initial: Record<string, number>) {
  const rows = new Map(Object.entries(initial));
  const reads: string[] = [];
  return { rows, reads, read: (id: string) => (reads.push(id), rows.get(id)) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createLayerVersionMemo', () => {
  it('reads each layer once per event-loop turn, however many requests ask', () => {
    const t = table({ a: 3, b: 7 });
    const memo = createLayerVersionMemo(t.read);
    for (let i = 0; i < 100; i += 1) expect(memo.versions(['a', 'b'])).toEqual({ ok: true, versions: [3, 7] });
    expect(t.reads).toEqual(['a', 'b']);
  });

  it('reads again in the next turn, so a write from anywhere before it is seen', async () => {
    const t = table({ a: 3 });
    const memo = createLayerVersionMemo(t.read);
    expect(memo.versions(['a'])).toEqual({ ok: true, versions: [3] });
    t.rows.set('a', 4);
    expect(memo.versions(['a'])).toEqual({ ok: true, versions: [3] });
    await nextTurn();
    expect(memo.versions(['a'])).toEqual({ ok: true, versions: [4] });
    t.rows.delete('a');
    await nextTurn();
    expect(memo.versions(['a'])).toEqual({ ok: false, unknown: 'a' });
  });

  it('reads a layer again at once after forget (a write of this process), within the same turn', () => {
    const t = table({ a: 3, b: 7 });
    const memo = createLayerVersionMemo(t.read);
    memo.versions(['a', 'b']);
    expect(memo.forgotten()).toBe(0);
    t.rows.set('a', 4);
    memo.forget('a');
    expect(memo.forgotten()).toBe(1);
    expect(memo.versions(['a', 'b'])).toEqual({ ok: true, versions: [4, 7] });
    expect(t.reads).toEqual(['a', 'b', 'a']);
  });

  it('names the first unknown layer, remembering that too for the turn', () => {
    const t = table({ a: 3 });
    const memo = createLayerVersionMemo(t.read);
    expect(memo.versions(['a', 'nope', 'other'])).toEqual({ ok: false, unknown: 'nope' });
    expect(memo.versions(['nope'])).toEqual({ ok: false, unknown: 'nope' });
    expect(t.reads).toEqual(['a', 'nope']);
    t.rows.set('nope', 1);
    memo.forget('nope');
    expect(memo.versions(['nope'])).toEqual({ ok: true, versions: [1] });
  });
});
