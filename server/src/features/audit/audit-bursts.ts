import type { AuditRepository, NewAuditEntry } from './audit-repository';

/** How bursts are grouped. */
export interface AuditBurstOptions {
  /** Events of one key within this long of the burst's first are one entry. */
  windowMs?: number;
  /** Keys tracked at once; past it each event gets an entry of its own. */
  maxKeys?: number;
}

interface Burst {
  id: number;
  start: number;
  count: number;
  written: number;
  summary: Record<string, unknown>;
  firstAt: string;
  lastAt: string;
}

/**
 * Audits repeated events (such as refused sign-ins from one address) as one
 * entry per key and window with a `count`, instead of a row each. The entry
 * is written at the first event; the count is kept here and written back
 * when the window ends (seen at the key's next event or a sweep), and by
 * `flush` (call it before reading the log). Counts of one process only.
 */
export function createAuditBursts(audit: AuditRepository, options: AuditBurstOptions = {}) {
  const windowMs = options.windowMs ?? 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const bursts = new Map<string, Burst>();
  let sweptAt = 0;

  function write(list: Iterable<Burst>): void {
    const pending = [...list].filter((b) => b.count !== b.written);
    if (!pending.length) return;
    audit.updateSummaries(pending.map((b) => ({ id: b.id, summary: { ...b.summary, count: b.count, firstAt: b.firstAt, lastAt: b.lastAt } })));
    for (const b of pending) b.written = b.count;
  }

  function sweep(now: number): void {
    sweptAt = now;
    const ended = [...bursts].filter(([, b]) => now - b.start >= windowMs);
    write(ended.map(([, b]) => b));
    for (const [key] of ended) bursts.delete(key);
  }

  return {
    /** Counts an event of a key: a new entry for the first of a window, one more in its count otherwise. */
    count(key: string, entry: NewAuditEntry, now = new Date()): void {
      const t = now.getTime();
      const at = now.toISOString();
      if (t - sweptAt >= windowMs) sweep(t);
      const open = bursts.get(key);
      if (open && t - open.start < windowMs) {
        open.count += 1;
        open.lastAt = at;
        return;
      }
      if (open) write([open]);
      const id = audit.record({ ...entry, summary: { ...entry.summary, count: 1, firstAt: at, lastAt: at } }, at);
      if (open || bursts.size < maxKeys) bursts.set(key, { id, start: t, count: 1, written: 1, summary: entry.summary, firstAt: at, lastAt: at });
    },
    /** Writes every count not written yet and forgets the windows that ended. */
    flush(now = new Date()): void {
      write(bursts.values());
      sweep(now.getTime());
    },
  };
}

/** The audit bursts' interface. */
export type AuditBursts = ReturnType<typeof createAuditBursts>;
