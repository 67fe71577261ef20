import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPointIndex, updatePointIndex, type PointIndex, type SourcePoint } from './point-index';

const KEYS = ['state', 'count', 'flag'];

/** Each item as [id, wx, wy, {key: value}], in index order: what tiles are made of. */
function contents(index: PointIndex) {
  return Array.from({ length: index.size }, (_, i) => [
    index.ids[i], index.wx[i], index.wy[i],
    Object.fromEntries(index.keys.flatMap((k, n) => (index.codes[n]![i] ? [[k, index.dictionaries[n]![index.codes[n]![i]! - 1]]] : []))),
  ]);
}

const point = fc.record({
  lon: fc.double({ min: 120.1, max: 120.2, noNaN: true }),
  lat: fc.double({ min: 30.2, max: 30.3, noNaN: true }),
  properties: fc.record({ state: fc.constantFrom('reported', 'closed', 'void'), count: fc.integer({ min: 0, max: 3 }), flag: fc.boolean() }, { requiredKeys: ['state'] }),
});
// a change: insert (id 0 = a new id), update or delete of an existing feature (by its rank)
const change = fc.record({ kind: fc.constantFrom('insert', 'update', 'delete'), rank: fc.nat(), p: point });

describe('updatePointIndex', () => {
  it('equals a full build of the new state after inserts, updates and deletes', () => {
    fc.assert(fc.property(fc.array(point, { maxLength: 40 }), fc.array(change, { maxLength: 12 }), (initial, changes) => {
      const state = new Map<number, SourcePoint>();
      let nextId = 1;
      for (const p of initial) state.set(nextId, { id: nextId++, ...p });
      const before = buildPointIndex(1, [...state.values()], state.size, KEYS, 200);
      const changed: number[] = [];
      for (const c of changes) {
        const ids = [...state.keys()];
        if (c.kind === 'insert' || ids.length === 0) {
          state.set(nextId, { id: nextId, ...c.p });
          changed.push(nextId++);
        } else {
          const id = ids[c.rank % ids.length]!;
          if (c.kind === 'delete') state.delete(id); else state.set(id, { id, ...c.p });
          changed.push(id);
        }
      }
      const after = [...state.values()].sort((a, b) => a.id - b.id);
      const updated = updatePointIndex(before, 2, changed, after.filter((p) => changed.includes(p.id)), 200);
      const full = buildPointIndex(2, after, after.length, KEYS, 200);
      expect(updated.size).toBe(full.size);
      expect(contents(updated)).toEqual(contents(full));
      expect(updated.kd.range(0, 0, 1, 1).sort()).toEqual(full.kd.range(0, 0, 1, 1).sort());
      // the earlier index still reads as before (its dictionaries are shared, append-only)
      expect(contents(before)).toEqual(contents(buildPointIndex(1, initial.map((p, i) => ({ id: i + 1, ...p })), initial.length, KEYS, 200)));
    }));
  });

  it('counts the items written since the last full build', () => {
    const p = (id: number): SourcePoint => ({ id, lon: 120.15, lat: 30.25, properties: { state: 'reported' } });
    const first = buildPointIndex(1, [p(1), p(2)], 2, KEYS, 200);
    const second = updatePointIndex(first, 3, [2, 3], [p(2), p(3)], 200);
    expect(second.updatedSinceBuild).toBe(2);
    expect(updatePointIndex(second, 4, [1], [], 200)).toMatchObject({ size: 2, updatedSinceBuild: 2 });
  });
});
