/**
 * A cached tile: raw bytes (empty for a 204) with its strong ETag, and its gzipped
 * bytes once compressed (big tiles are compressed off the event loop on first use).
 */
export interface CachedTile {
  raw: Buffer;
  gzip?: Buffer;
  etag: string;
}

interface Entry {
  tile: CachedTile;
  size: number;
}

/**
 * An LRU cache of tiles bounded by total bytes. Keys carry the layers' versions,
 * so a write makes the old entries unreachable; they age out as new ones arrive.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The tile for a key, marking it as recently used. */
  get(key: string): CachedTile | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.tile;
  }

  /** Stores a tile, evicting the least recently used ones beyond the byte budget. */
  set(key: string, tile: CachedTile): void {
    const size = sizeOf(key, tile);
    if (size > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { tile, size });
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.size;
    }
  }

  /** Drops a tile. */
  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.bytes -= old.size;
    this.entries.delete(key);
  }

  /** Bytes and entries held now. */
  stats(): { bytes: number; entries: number; maxBytes: number } {
    return { bytes: this.bytes, entries: this.entries.size, maxBytes: this.maxBytes };
  }
}

/** Bytes a tile holds; one not gzipped yet is counted as if its gzip were as big as its raw bytes (an upper bound). */
function sizeOf(key: string, tile: CachedTile): number {
  return tile.raw.length + (tile.gzip ?? tile.raw).length + key.length * 2 + tile.etag.length * 2 + 64;
}
