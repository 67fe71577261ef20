import type { MessagePort } from 'node:worker_threads';
import type GeoJSONVT from 'geojson-vt';
import { buildShapeIndex, type ShapeSource } from './shape-index';
import { presplit, TileOccupancy } from './presplit';
import { encodeShapeLayers, type ShapeLayerInput } from './mvt-encode';

/** One shape layer of a tile to encode: its index's key, its name in the tile and the version it must be at. */
export interface ShapeLayerRef {
  key: string;
  name: string;
  version: number;
}

/**
 * A request to the shape worker. Requests are handled in the order they are posted, so an `encode`
 * posted after the `build` of its layers' versions finds them built.
 */
export type ShapeRequest =
  | { op: 'build'; id: number; key: string; version: number; source: ShapeSource }
  | { op: 'drop'; key: string }
  | { op: 'encode'; id: number; layers: ShapeLayerRef[]; z: number; x: number; y: number; maxFeaturesPerLayer: number; budget: number };

/** The answer to a `build` or `encode`: an encoded tile's bytes (none when empty), or why it failed. */
export type ShapeReply = { id: number; ok: true; bytes?: ArrayBuffer } | { id: number; ok: false; message: string };

interface Entry {
  version: number;
  index: GeoJSONVT;
}

/**
 * Keeps the geojson-vt indexes of line and polygon layers (one per key, at one version; each split
 * ahead of requests by `presplit` after its build) and answers `build`, `drop` and `encode` requests
 * posted on `port`. Runs in the shape worker thread (see shape-worker.mjs).
 */
export function serveShapeRequests(port: MessagePort): void {
  const entries = new Map<string, Entry>();

  function build(r: Extract<ShapeRequest, { op: 'build' }>): void {
    entries.delete(r.key);
    const occupied = new TileOccupancy();
    const entry: Entry = { version: r.version, index: buildShapeIndex(r.source, occupied) };
    entries.set(r.key, entry);
    presplit(entry.index, occupied, () => entries.get(r.key) === entry);
  }

  function encode(r: Extract<ShapeRequest, { op: 'encode' }>): ArrayBuffer | undefined {
    const layers: ShapeLayerInput[] = r.layers.map(({ key, name, version }) => {
      const entry = entries.get(key);
      if (entry?.version !== version) throw new Error(`the shape index of ${key} at version ${version} is not built`);
      return { name, features: entry.index.getTileRaw(r.z, r.x, r.y)?.features ?? [] };
    });
    const bytes = encodeShapeLayers(layers, { maxFeaturesPerLayer: r.maxFeaturesPerLayer, budget: r.budget });
    if (bytes.length === 0) return undefined;
    // a copy of its own: the encoder's buffer may be bigger than the tile, and only a whole buffer can be transferred
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  }

  port.on('message', (r: ShapeRequest) => {
    if (r.op === 'drop') {
      entries.delete(r.key);
      return;
    }
    let reply: ShapeReply;
    try {
      if (r.op === 'build') {
        build(r);
        reply = { id: r.id, ok: true };
      } else {
        const bytes = encode(r);
        reply = { id: r.id, ok: true, bytes };
      }
    } catch (err) {
      reply = { id: r.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply, reply.ok && reply.bytes ? [reply.bytes] : []);
  });
}
