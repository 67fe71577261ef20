import type { MessagePort } from 'node:worker_threads';
import type GeoJSONVT from 'geojson-vt';
import { buildShapeIndex, type ShapeRows } from './shape-index';
import { presplit, TileOccupancy } from './presplit';
import { encodeShapeLayers, type ShapeLayerInput } from './mvt-encode';

export type { ShapeRows } from './shape-index';

/** One shape layer of a tile to encode: its index's key, its name in the tile and the version it must be at. */
export interface ShapeLayerRef {
  key: string;
  name: string;
  version: number;
}

/**
 * A request to the shape worker. Requests are handled in the order they are posted: the `rows` of a read (one
 * per page) come before the `build` that takes them, and an `encode` posted after the `build` of its layers'
 * versions finds them built.
 */
export type ShapeRequest =
  | ({ op: 'rows'; read: number } & ShapeRows)
  | { op: 'discard'; read: number }
  | { op: 'build'; id: number; key: string; version: number; read: number; names: string[]; labelled: boolean }
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
 * ahead of requests by `presplit` after its build), built from the rows posted page by page, and answers
 * the requests posted on `port`. Runs in the shape worker thread (see shape-worker.mjs).
 */
export function serveShapeRequests(port: MessagePort): void {
  const entries = new Map<string, Entry>();
  const reads = new Map<number, ShapeRows>();

  function rows(r: Extract<ShapeRequest, { op: 'rows' }>): void {
    const known = reads.get(r.read);
    if (!known) {
      reads.set(r.read, { ids: r.ids, geometries: r.geometries, properties: r.properties });
      return;
    }
    for (let i = 0; i < r.ids.length; i += 1) {
      known.ids.push(r.ids[i]!);
      known.geometries.push(r.geometries[i]!);
      known.properties.push(r.properties[i]!);
    }
  }

  function build(r: Extract<ShapeRequest, { op: 'build' }>): void {
    const source = reads.get(r.read);
    reads.delete(r.read);
    entries.delete(r.key);
    if (!source) throw new Error(`no rows were read for ${r.key} at version ${r.version}`);
    const occupied = new TileOccupancy();
    const entry: Entry = { version: r.version, index: buildShapeIndex({ ...source, names: r.names, labelled: r.labelled }, occupied) };
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
    if (r.op === 'rows') return rows(r);
    if (r.op === 'discard') {
      reads.delete(r.read);
      return;
    }
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
