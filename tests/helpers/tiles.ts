import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';

/** The standard slippy-map tile containing lon/lat at zoom z. */
export function tileOf(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

/** Decodes an MVT body. */
export function decodeTile(body: Buffer): VectorTile {
  return new VectorTile(new PbfReader(body));
}

/** supertest parser that keeps a binary body as a Buffer. */
export function binaryParser(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
