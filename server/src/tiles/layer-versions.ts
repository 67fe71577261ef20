/** Outcome of resolving a comma-list of layer ids. */
export type LayerVersions = { ok: true; versions: number[] } | { ok: false; unknown: string };

/** Marks a layer id read as unknown during the current turn. */
const UNKNOWN = -1;

/**
 * The layers' versions as tile requests see them, read from the database at most once per layer per
 * event-loop turn instead of once per request (a read is a read transaction on SQLite, a round trip on
 * PostgreSQL): every request served in one turn shares the reads, and the first request of the next turn
 * reads again (the memo is emptied in `setImmediate`, at the end of the turn that filled it).
 *
 * Freshness: a request sees every write committed before the first version read of its turn, whichever
 * process or connection made it (another worker, `npm run import`, a script on the file): nothing to hear,
 * no notification to lose. A turn reads the sockets one poll found readable, so a request handled in it
 * was received before that read, and any write acknowledged before the request was sent is seen. (libuv
 * polls again within one turn only when over 1,024 sockets were ready at once: then the bound is that
 * turn, milliseconds.) A write of this process calls {@link LayerVersionMemo.forget} before it is
 * answered, which drops that layer's read at once, even within the turn.
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
