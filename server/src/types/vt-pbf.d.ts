declare module 'vt-pbf' {
  /** Encodes geojson-vt style tiles (one per layer name) as an MVT protobuf. */
  export function fromGeojsonVt(
    layers: Record<string, { features: unknown[] }>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
