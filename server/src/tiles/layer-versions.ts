/** Outcome of resolving a comma-list of layer ids. */
export type LayerVersions = { ok: true; versions: number[] } | { ok: false; unknown: string };

/** Marks a layer id read as unknown during the current turn. */
const UNKNOWN = -1;

/**
 * The layers' versions as tile requests see them, read from the database at most once per layer per
 * event-loop turn instead of once per request: every request served in one turn (all the sockets one
 * poll found readable) shares the reads, and the next turn reads again. So a tile request never sees a
 * version older than the ones committed before its turn began, whichever process or connection wrote
 * them (nothing to hear or to wait for), and a write this process makes calls {@link LayerVersionMemo.forget}
 * before it is answered, which drops the turn's reads at once.
 *
 * `read` is the database read of one layer's version (undefined: no such layer).
 */
export function createLayerVersionMemo(read: (layerId: string) => number | undefined) {
  const memo = new Map<string, number>();
  let forgotten = 0;
  let clearing = false;
  const clear = () => {
    memo.clear();
    clearing = false;
  };

  function version(id: string): number | undefined {
    let v = memo.get(id);
    if (v === undefined) {
      v = read(id) ?? UNKNOWN;
      memo.set(id, v);
      if (!clearing) {
        clearing = true;
        setImmediate(clear);
      }
    }
    return v === UNKNOWN ? undefined : v;
  }

  return {
    /** The current versions of the listed layers, or the first unknown id. */
    versions(ids: readonly string[]): LayerVersions {
      const versions: number[] = [];
      for (const id of ids) {
        const v = version(id);
        if (v === undefined) return { ok: false, unknown: id };
        versions.push(v);
      }
      return { ok: true, versions };
    },
    /** Drops what this turn read of a layer (a write in this process changed it: the next request reads it again). */
    forget(layerId: string): void {
      memo.delete(layerId);
      forgotten += 1;
    },
    /** How many times `forget` was called: what was derived from this turn's versions holds while it stays the same. */
    forgotten: (): number => forgotten,
  };
}

/** A memo of layer versions. */
export type LayerVersionMemo = ReturnType<typeof createLayerVersionMemo>;
