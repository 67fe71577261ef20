/** A seeded pseudo-random source: the same seed gives the same sequence on every machine. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One item by weight (weights ≥ 0, not all 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** `k` distinct indices of [0, n), in ascending order. */
  sample(n: number, k: number): number[];
}

/** sfc32 seeded through splitmix32 (small, fast, good enough for demo data). */
export function createPrng(seed: number): Prng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i += 1) next();

  const prng: Prng = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    weighted(items, weights) {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i += 1) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    pick: (items) => items[Math.floor(next() * items.length)]!,
    sample(n, k) {
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i += 1) {
        const j = i + Math.floor(next() * (n - i));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, k).sort((x, y) => x - y);
    },
  };
  return prng;
}
