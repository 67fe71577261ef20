import { DISTRICT_BBOX } from './synthetic';

/** The z/x/y tile holding a WGS84 point. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

/** Spherical (EPSG:3857) metres of a WGS84 point. */
export function lonLatTo3857(lon: number, lat: number): [number, number] {
  const r = 6378137;
  return [(lon * Math.PI * r) / 180, r * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
}

/** Up to `max` tiles of zoom z inside the district, spread evenly, centre first. */
export function districtTiles(z: number, max: number): [number, number][] {
  const [w, s, e, n] = DISTRICT_BBOX;
  const [x0, y0] = tileOf(w, n, z);
  const [x1, y1] = tileOf(e, s, z);
  const all: [number, number][] = [];
  for (let x = x0; x <= x1; x += 1) for (let y = y0; y <= y1; y += 1) all.push([x, y]);
  const [cx, cy] = tileOf((w + e) / 2, (s + n) / 2, z);
  all.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}
