import { PbfWriter } from 'pbf';
import { EXTENT } from './tile-math';

/** A tag value as MVT stores it. */
export type TagValue = string | number | boolean;

/** One point of a point layer tile, with tags as [keyIndex, valueIndex, …] into the layer's tables. */
export interface EncodedPoint {
  id?: number;
  x: number;
  y: number;
  tags: number[];
}

/** The tables and points of one MVT point layer. */
export interface PointLayer {
  name: string;
  keys: string[];
  values: TagValue[];
  points: EncodedPoint[];
}

const MOVE_TO_ONE = 9; // command MoveTo (1) with count 1

function zigzag(n: number): number {
  return (n << 1) ^ (n >> 31);
}

/** Writes an MVT tag value message; a number that is not a safe integer (a fraction, or beyond ±2^53) goes as a double. */
export function writeValue(value: TagValue, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (!Number.isSafeInteger(value)) pbf.writeDoubleField(3, value);
  else if (value < 0) pbf.writeSVarintField(6, value);
  else pbf.writeVarintField(5, value);
}

function writePoint(p: EncodedPoint, pbf: PbfWriter): void {
  if (p.id !== undefined) pbf.writeVarintField(1, p.id);
  if (p.tags.length) pbf.writePackedVarint(2, p.tags);
  pbf.writeVarintField(3, 1);
  pbf.writePackedVarint(4, [MOVE_TO_ONE, zigzag(p.x), zigzag(p.y)]);
}

function writeLayer(layer: PointLayer, pbf: PbfWriter): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  for (const p of layer.points) pbf.writeMessage(2, writePoint, p);
  for (const k of layer.keys) pbf.writeStringField(3, k);
  for (const v of layer.values) pbf.writeMessage(4, writeValue, v);
  pbf.writeVarintField(5, EXTENT);
}

/**
 * Encodes one MVT 2.1 layer of points as a complete tile message. Tiles of
 * several layers are the concatenation of such messages (layers is a repeated field).
 */
export function encodePointLayer(layer: PointLayer): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(3, writeLayer, layer);
  return pbf.finish();
}
