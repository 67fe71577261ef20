import type { RawFeature } from 'geojson-vt';
import type { PbfWriter } from 'pbf';
import type { TagValue } from './mvt-points';

const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH_ONE = (1 << 3) | 7;

const command = (id: number, count: number) => (count << 3) | id;
const zigzag = (n: number) => (n << 1) ^ (n >> 31);
/** Bytes of a non-negative integer as a protobuf varint (up to 2^53). */
export const varintLength = (n: number): number => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : Math.ceil(Math.log2(n + 1) / 7));

/** Deduplicated points of the ring being written (reused: tiles are encoded one at a time). */
let scratch = new Int32Array(4096);

/** Copies a ring into `scratch` without repeated consecutive points (and without its closing point when `closed`); returns the count. */
function loadRing(ring: ArrayLike<number>, closed: boolean): number {
  if (scratch.length < ring.length) scratch = new Int32Array(ring.length * 2);
  let n = 0;
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i]!;
    const y = ring[i + 1]!;
    if (n > 0 && x === scratch[2 * n - 2] && y === scratch[2 * n - 1]) continue;
    scratch[2 * n] = x;
    scratch[2 * n + 1] = y;
    n += 1;
  }
  if (closed && n > 1 && scratch[0] === scratch[2 * n - 2] && scratch[1] === scratch[2 * n - 1]) n -= 1;
  return n;
}

/** Twice the signed area of the first n scratch points (surveyor's formula; positive = clockwise with y down). */
function doubleArea(n: number): number {
  let sum = 0;
  for (let i = 0, j = n - 1; i < n; j = i, i += 1) sum += scratch[2 * j]! * scratch[2 * i + 1]! - scratch[2 * i]! * scratch[2 * j + 1]!;
  return sum;
}

/** The geometry cursor of one feature. */
const cursor = { x: 0, y: 0 };

/** Writes n scratch points from `from` as deltas after one command. */
function writePoints(out: PbfWriter, from: number, n: number): void {
  for (let i = from; i < from + n; i += 1) {
    const x = scratch[2 * i]!;
    const y = scratch[2 * i + 1]!;
    out.writeVarint(zigzag(x - cursor.x));
    out.writeVarint(zigzag(y - cursor.y));
    cursor.x = x;
    cursor.y = y;
  }
}

/** Writes a path of n scratch points: MoveTo one, LineTo the rest, ClosePath for rings. */
function writePath(out: PbfWriter, n: number, ring: boolean): void {
  out.writeVarint(command(MOVE_TO, 1));
  writePoints(out, 0, 1);
  out.writeVarint(command(LINE_TO, n - 1));
  writePoints(out, 1, n - 1);
  if (ring) out.writeVarint(CLOSE_PATH_ONE);
}

/**
 * Writes the geometry command integers of one feature (MVT 2.1 §4.3) and returns its
 * ranking size; -1 when nothing drawable is left (degenerate rings and lines are dropped,
 * as are holes whose exterior was). Rings keep geojson-vt's winding: exterior clockwise
 * in tile coordinates (positive area, y down), holes counter-clockwise.
 */
export function writeGeometry(f: RawFeature, out: PbfWriter): number {
  cursor.x = 0;
  cursor.y = 0;
  if (f.type === 4) {
    scratch[0] = f.x;
    scratch[1] = f.y;
    out.writeVarint(command(MOVE_TO, 1));
    writePoints(out, 0, 1);
    return 1;
  }
  if (f.type === 1) {
    const n = f.geometry.length / 2;
    if (n === 0) return -1;
    if (scratch.length < f.geometry.length) scratch = new Int32Array(f.geometry.length * 2);
    scratch.set(f.geometry);
    out.writeVarint(command(MOVE_TO, n));
    writePoints(out, 0, n);
    return n;
  }
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  let exteriorKept = false;
  let written = false;
  for (const ring of f.geometry) {
    const polygon = f.type === 3;
    const n = loadRing(ring, polygon);
    if (n < (polygon ? 3 : 2)) continue;
    if (polygon) {
      const area = doubleArea(n);
      if (area === 0) continue;
      if (area > 0) exteriorKept = true;
      else if (!exteriorKept) continue;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const x = scratch[i]!; const y = scratch[i + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    writePath(out, n, polygon);
    written = true;
  }
  return written ? (maxX - minX) + (maxY - minY) : -1;
}

/**
 * Key and value tables of one MVT layer; `bytes` is an upper bound of their encoded size
 * (numbers counted as doubles).
 */
export class TagTables {
  readonly keys: string[] = [];
  readonly values: TagValue[] = [];
  bytes = 0;
  private readonly keyIndex = new Map<string, number>();
  private readonly stringIndex = new Map<string, number>();
  private readonly numberIndex = new Map<number, number>();
  private readonly booleanIndex = new Map<boolean, number>();

  private key(k: string): number {
    let i = this.keyIndex.get(k);
    if (i === undefined) {
      i = this.keys.push(k) - 1;
      this.keyIndex.set(k, i);
      const len = Buffer.byteLength(k);
      this.bytes += 1 + varintLength(len) + len;
    }
    return i;
  }

  private value(v: TagValue): number {
    const index: Map<TagValue, number> = typeof v === 'string' ? this.stringIndex : typeof v === 'number' ? this.numberIndex : this.booleanIndex as Map<TagValue, number>;
    let i = index.get(v);
    if (i === undefined) {
      i = this.values.push(v) - 1;
      index.set(v, i);
      const len = typeof v === 'string' ? 1 + varintLength(Buffer.byteLength(v)) + Buffer.byteLength(v) : typeof v === 'boolean' ? 2 : 9;
      this.bytes += 1 + varintLength(len) + len;
    }
    return i;
  }

  /**
   * Indices ([key, value, …]) already worked out per tags object: the shape index shares one tags
   * object between features with the same tags, so most features of a tile are a lookup.
   */
  private readonly memo = new Map<object, number[]>();
  /** Most tags objects remembered (a layer whose features all differ gains nothing from more). */
  private static readonly MEMO_LIMIT = 4096;

  /** Writes the packed [key, value, …] indices of a feature's scalar tags. */
  write(tags: RawFeature['tags'], out: PbfWriter): void {
    if (!tags) return;
    let indices = this.memo.get(tags);
    if (!indices) {
      indices = [];
      for (const k in tags) {
        const v = tags[k];
        if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) continue;
        indices.push(this.key(k), this.value(v));
      }
      if (this.memo.size < TagTables.MEMO_LIMIT) this.memo.set(tags, indices);
    }
    for (let j = 0; j < indices.length; j += 1) out.writeVarint(indices[j]!);
  }
}
