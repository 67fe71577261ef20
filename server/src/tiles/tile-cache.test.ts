import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache';

const tile = (bytes: number) => ({ raw: Buffer.alloc(bytes), gzip: Buffer.alloc(0), etag: '"x"' });

describe('TileCache', () => {
  it('evicts the least recently used tiles beyond its byte budget', () => {
    const cache = new TileCache(3_000);
    cache.set('a', tile(900));
    cache.set('b', tile(900));
    cache.set('c', tile(900));
    expect(cache.get('a')).toBeDefined();
    cache.set('d', tile(900));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(3_000);
  });

  it('skips a tile larger than the whole budget', () => {
    const cache = new TileCache(100);
    cache.set('big', tile(1_000));
    expect(cache.stats().entries).toBe(0);
  });
});
