import type { RawFeature } from 'geojson-vt';
import { PbfWriter } from 'pbf';
import { EXTENT } from './tile-math';
import { writeValue } from './mvt-points';
import { TagTables, varintLength, writeGeometry } from './mvt-shapes';

/** One layer of a tile as geojson-vt's `getTileRaw` gives it: flat [x, y, …] rings in tile units. */
export interface ShapeLayerInput {
  name: string;
  features: readonly RawFeature[];
}

/** A layer whose features are encoded once, so that the size limits pick features without encoding again. */
interface Prepared {
  name: string;
  features: readonly RawFeature[];
  geometry: PbfWriter;
  tags: PbfWriter;
  /** Per feature: start and end of its geometry and tags in the writers (start -1: nothing drawable). */
  spans: Int32Array;
  /** Per feature: its ranking size (extent in tile units; points 1). */
  sizes: Float64Array;
  /** Per feature: bytes of its message inside the layer (field key and length included). */
  bytes: Int32Array;
  tables: TagTables;
  /** Features kept, in their order. */
  kept: number[];
  /** Whether the size limits dropped some drawable features. */
  dropped: boolean;
  /** Upper bound of the bytes of the key and value tables of the kept features. */
  tableBytes: number;
  featureBytes: number;
}

const fieldLength = (len: number) => 1 + varintLength(len) + len;

/** Bytes of a feature's message body: id, tag indices, type and geometry fields. */
function innerBytes(p: Prepared, i: number): number {
  const id = idOf(p.features[i]!);
  const geometry = p.spans[4 * i + 1]! - p.spans[4 * i]!;
  const tags = p.spans[4 * i + 3]! - p.spans[4 * i + 2]!;
  return (id === undefined ? 0 : 1 + varintLength(id)) + (tags ? fieldLength(tags) : 0) + 2 + fieldLength(geometry);
}

const featureBytes = (p: Prepared, i: number): number => fieldLength(innerBytes(p, i));

/** Writes each feature's geometry and tag indices once, into writers reused from tile to tile. */
function prepare({ name, features }: ShapeLayerInput, geometry: PbfWriter, tags: PbfWriter): Prepared {
  const p: Prepared = {
    name, features, geometry, tags, tables: new TagTables(), kept: [], dropped: false, tableBytes: 0, featureBytes: 0,
    spans: new Int32Array(features.length * 4), sizes: new Float64Array(features.length), bytes: new Int32Array(features.length),
  };
  for (let i = 0; i < features.length; i += 1) {
    const start = geometry.pos;
    const size = writeGeometry(features[i]!, geometry);
    if (size < 0) {
      geometry.pos = start;
      continue;
    }
    p.spans[4 * i] = start;
    p.spans[4 * i + 1] = geometry.pos;
    p.spans[4 * i + 2] = tags.pos;
    p.tables.write(features[i]!.tags, tags);
    p.spans[4 * i + 3] = tags.pos;
    p.sizes[i] = size;
    p.bytes[i] = featureBytes(p, i);
    p.featureBytes += p.bytes[i]!;
    p.kept.push(i);
  }
  p.tableBytes = p.tables.bytes;
  return p;
}

/** Bytes of the layer's message in the tile (an upper bound: value tables count numbers as doubles). */
function layerBytes(p: Prepared): number {
  const nameBytes = Buffer.byteLength(p.name);
  return fieldLength(2 + 1 + varintLength(nameBytes) + nameBytes + 3 + p.featureBytes + p.tableBytes);
}

const measure = new PbfWriter();

/** Above any feature index of a tile (geojson-vt tiles hold far fewer features than 2^24). */
const INDEX_SPAN = 2 ** 24;

/** Keeps the largest features (by extent, in whole tile units; ties: later first), at most `max` of them and within `budget` bytes for the layer. */
function keepLargest(p: Prepared, max: number, budget: number): void {
  // the header's bytes, with room for the longest varint of the layer's length
  const allowance = budget - (layerBytes(p) - p.featureBytes - p.tableBytes) - 4;
  // (size, index) packed in one double and sorted natively: a comparator sort of 10^5 indices was a fifth of a z12 tile
  const packed = new Float64Array(p.kept.length);
  for (let k = 0; k < p.kept.length; k += 1) packed[k] = Math.round(p.sizes[p.kept[k]!]!) * INDEX_SPAN + p.kept[k]!;
  packed.sort();
  const tables = new TagTables();
  const keep: number[] = [];
  let bytes = 0;
  for (let k = packed.length - 1; k >= 0; k -= 1) {
    const i = packed[k]! % INDEX_SPAN;
    if (keep.length >= max) break;
    measure.pos = 0;
    tables.write(p.features[i]!.tags, measure);
    if (bytes + p.bytes[i]! + tables.bytes > allowance) break;
    keep.push(i);
    bytes += p.bytes[i]!;
  }
  p.dropped ||= keep.length < p.kept.length;
  p.kept = keep.sort((a, b) => a - b);
  p.featureBytes = bytes;
  p.tableBytes = tables.bytes;
}

/** The feature's id when MVT can carry it (an unsigned integer). */
function idOf(f: RawFeature): number | undefined {
  return typeof f.id === 'number' && Number.isSafeInteger(f.id) && f.id >= 0 ? f.id : undefined;
}

/** Field keys (field number << 3 | wire type) of a Feature message (MVT 2.1 §4.2). */
const FEATURE = (2 << 3) | 2;
const ID = 1 << 3;
const TAGS = (2 << 3) | 2;
const TYPE = 3 << 3;
const GEOMETRY = (4 << 3) | 2;

/** Writes `src[start, end)` as a length-delimited value (a loop: most spans are a few dozen bytes, where a subarray view costs more than the copy). */
function writeSpan(out: PbfWriter, src: Uint8Array, start: number, end: number): void {
  out.writeVarint(end - start);
  out.realloc(end - start);
  const buf = out.buf;
  let pos = out.pos;
  for (let j = start; j < end; j += 1) buf[pos++] = src[j]!;
  out.pos = pos;
}

/** Writes a feature from its prepared geometry and tag spans: its length is known beforehand (`innerBytes`), so no nested message is measured afterwards. */
function writeFeature(p: Prepared, i: number, out: PbfWriter): void {
  const f = p.features[i]!;
  const id = idOf(f);
  const s = 4 * i;
  out.writeVarint(FEATURE);
  out.writeVarint(innerBytes(p, i));
  if (id !== undefined) {
    out.writeVarint(ID);
    out.writeVarint(id);
  }
  if (p.spans[s + 3]! > p.spans[s + 2]!) {
    out.writeVarint(TAGS);
    writeSpan(out, p.tags.buf, p.spans[s + 2]!, p.spans[s + 3]!);
  }
  out.writeVarint(TYPE);
  out.writeVarint(f.type === 4 ? 1 : f.type);
  out.writeVarint(GEOMETRY);
  writeSpan(out, p.geometry.buf, p.spans[s]!, p.spans[s + 1]!);
}

/** Writes a feature whose tag indices are those of fresh `tables` (when the size limits dropped features). */
function writeFeatureRetagged(p: Prepared, i: number, out: PbfWriter, tables: TagTables): void {
  const f = p.features[i]!;
  const id = idOf(f);
  out.writeTag(2, 2);
  out.writeRawMessage(() => {
    if (id !== undefined) out.writeVarintField(1, id);
    out.writeTag(2, 2);
    out.writeRawMessage(() => tables.write(f.tags, out), undefined);
    out.writeVarintField(3, f.type === 4 ? 1 : f.type);
    out.writeVarint(GEOMETRY);
    writeSpan(out, p.geometry.buf, p.spans[4 * i]!, p.spans[4 * i + 1]!);
  }, undefined);
}

function writeLayer(p: Prepared, out: PbfWriter): void {
  out.writeVarintField(15, 2);
  out.writeStringField(1, p.name);
  out.writeVarintField(5, EXTENT);
  // when features were dropped, fresh tables: no key or value of a dropped feature is left in them
  const tables = p.dropped ? new TagTables() : undefined;
  if (tables) for (const i of p.kept) writeFeatureRetagged(p, i, out, tables);
  else for (const i of p.kept) writeFeature(p, i, out);
  const { keys, values } = tables ?? p.tables;
  for (const k of keys) out.writeStringField(3, k);
  for (const v of values) out.writeMessage(4, writeValue, v);
}

const geometryScratch = new PbfWriter();
const tagScratch = new PbfWriter();

/**
 * Encodes line and polygon layers (and the label points among them) as MVT 2.1 layers,
 * straight from geojson-vt's flat tile rings: each feature is written once, and the size
 * limits (at most `maxFeaturesPerLayer` per layer, the whole within `budget` bytes) keep the
 * largest features of the biggest layer without encoding it again.
 */
export function encodeShapeLayers(layers: readonly ShapeLayerInput[], limits: { maxFeaturesPerLayer: number; budget: number }): Buffer {
  geometryScratch.pos = 0;
  tagScratch.pos = 0;
  const prepared = layers.filter((l) => l.features.length > 0).map((l) => prepare(l, geometryScratch, tagScratch)).filter((p) => p.kept.length > 0);
  for (const p of prepared) if (p.kept.length > limits.maxFeaturesPerLayer) keepLargest(p, limits.maxFeaturesPerLayer, Infinity);
  let total = prepared.reduce((sum, p) => sum + layerBytes(p), 0);
  for (let attempt = 0; total > limits.budget && attempt < prepared.length; attempt += 1) {
    const biggest = prepared.reduce((a, b) => (layerBytes(b) > layerBytes(a) ? b : a));
    keepLargest(biggest, limits.maxFeaturesPerLayer, layerBytes(biggest) - (total - limits.budget));
    total = prepared.reduce((sum, p) => sum + layerBytes(p), 0);
  }
  if (prepared.length === 0) return Buffer.alloc(0);
  const out = new PbfWriter(new Uint8Array(Math.max(16, total)));
  for (const p of prepared) if (p.kept.length) out.writeMessage(3, writeLayer, p);
  const bytes = out.finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
