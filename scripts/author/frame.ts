import type { Polygon } from 'geojson';
import { at, closeRing, samePos, type LonLat } from './geo.js';
import { densify } from './grid.js';

/** Named junctions where three borders meet, or district corners. */
const J = {
  shoreNW: [120.1541, 30.248] as LonLat, // lake shore at Xihu Avenue
  shoreSW: [120.1512, 30.2368] as LonLat, // lake shore between Liulang Wenying and Changqiao Park
  j1: [120.1563, 30.248] as LonLat, // Qingbomen | Ding'an Road on Xihu Avenue
  j2: [120.1563, 30.2452] as LonLat, // Qingbomen | Ding'an Road | Laodong Road
  j3: [120.1563, 30.2424] as LonLat, // on Hefang Street
  j4: [120.1585, 30.2424] as LonLat, // on Hefang Street, east of Siyi Road
  j5: [120.1585, 30.23625] as LonLat, // foot of Wu Hill
  j6: [120.1632, 30.248] as LonLat, // Ding'an Road | Liucuijingxiang on Xihu Avenue
  j7: [120.1632, 30.2452] as LonLat,
  j8: [120.1632, 30.244] as LonLat,
  j9: [120.1632, 30.2364] as LonLat, // foot of Wu Hill
  j10: [120.16913, 30.244] as LonLat, // on the Zhonghe elevated road
  se: [120.169, 30.235] as LonLat,
  ne: [120.169, 30.248] as LonLat,
};

const raw = {
  /** West Lake's east shore north of the district, past Hubin. */
  shoreNorth: [[120.1525, 30.262], [120.1527, 30.259], [120.1533, 30.256], [120.1538, 30.253], [120.154, 30.25], J.shoreNW],
  /** The district's west edge: the shore in front of Nanshan Road and Liulang Wenying. */
  shoreDistrict: [
    J.shoreNW, [120.1534, 30.2473], [120.1524, 30.2467], [120.1514, 30.246], [120.1508, 30.245],
    [120.1505, 30.2437], [120.1504, 30.2423], [120.1505, 30.2409], [120.1508, 30.2396],
    [120.1513, 30.2385], [120.1519, 30.2376], J.shoreSW,
  ],
  /** The shore south of the district: Changqiao Park, then west below Leifeng Pagoda. */
  shoreSouth: [
    J.shoreSW, [120.1503, 30.2361], [120.1497, 30.2352], [120.1488, 30.2346], [120.147, 30.2349],
    [120.1455, 30.2352], [120.144, 30.2355], [120.142, 30.2362], [120.135, 30.2368],
  ],
  /** Foot of Wu Hill, west to east. */
  southWest: [J.shoreSW, [120.1536, 30.2361], [120.155, 30.2356], [120.1565, 30.2355], [120.158, 30.236], J.j5],
  southMiddle: [J.j5, [120.1595, 30.2368], [120.161, 30.2373], [120.1625, 30.2368], J.j9],
  southEast: [J.j9, [120.164, 30.236], [120.1655, 30.2355], [120.167, 30.2352], J.se],
  /** Along the Zhonghe elevated road, south to north. */
  eastSouth: [J.se, [120.1691, 30.238], [120.1692, 30.242], J.j10],
  eastNorth: [J.j10, [120.1691, 30.245], J.ne],
  /** Along Xihu Avenue, east to west. */
  northEast: [J.ne, J.j6],
  northMiddle: [J.j6, J.j1],
  northWest: [J.j1, J.shoreNW],
  /** Community borders. */
  qbmDingan: [J.j1, J.j2],
  qbmLaodong: [J.j2, J.j3, J.j4, J.j5],
  dinganLaodong: [J.j2, J.j7],
  dinganLcjx: [J.j7, J.j6],
  laodongLcjx: [J.j7, J.j8],
  laodongQhf: [J.j8, J.j9],
  lcjxQhf: [J.j8, J.j10],
} satisfies Record<string, LonLat[]>;

type ChainName = keyof typeof raw;

/**
 * Every border as one polyline ("chain"), drawn once and densified at grid crossings.
 * The boundary, the five communities, the lake shore, Wu Hill and the lakeside parks are
 * all assembled from these chains, so neighbours share exact vertex coordinates and tile
 * without gaps or overlaps.
 */
export const chains = Object.fromEntries(
  Object.entries(raw).map(([k, v]) => [k, densify(v as LonLat[])]),
) as Record<ChainName, LonLat[]>;

/** Joins chains (a leading "-" walks one backwards) into an open vertex path. */
function path(...names: string[]): LonLat[] {
  const out: LonLat[] = [];
  for (const n of names) {
    const rev = n.startsWith('-');
    const c = chains[(rev ? n.slice(1) : n) as ChainName];
    const pts = rev ? [...c].reverse() : c;
    const last = out.at(-1);
    if (last && !samePos(last, at(pts, 0))) throw new Error(`chain ${n} does not continue the path`);
    out.push(...(out.length > 0 ? pts.slice(1) : pts));
  }
  return out;
}

function polygon(...names: string[]): Polygon {
  const p = path(...names);
  if (!samePos(at(p, 0), at(p, -1))) throw new Error(`ring ${names.join(' ')} is not closed`);
  return { type: 'Polygon', coordinates: [closeRing(p)] };
}

/** The part of an open path between two of its vertices (inclusive). */
function slice(p: LonLat[], from: LonLat, to: LonLat): LonLat[] {
  const i = p.findIndex((q) => samePos(q, from));
  const k = p.findIndex((q) => samePos(q, to));
  if (i < 0 || k < 0 || k < i) throw new Error('slice endpoints not on path in order');
  return p.slice(i, k + 1);
}

/** The subdistrict boundary (清波街道). */
export const boundary = polygon(
  'shoreDistrict', 'southWest', 'southMiddle', 'southEast', 'eastSouth', 'eastNorth',
  'northEast', 'northMiddle', 'northWest',
);

/** Community polygons by community code suffix. */
const communityPolygons: Record<string, Polygon> = {
  '051': polygon('shoreDistrict', 'southWest', '-qbmLaodong', '-qbmDingan', 'northWest'),
  '052': polygon('qbmLaodong', 'southMiddle', '-laodongQhf', '-laodongLcjx', '-dinganLaodong'),
  '053': polygon('qbmDingan', 'dinganLaodong', 'dinganLcjx', 'northMiddle'),
  '055': polygon('laodongQhf', 'southEast', 'eastSouth', '-lcjxQhf'),
  '057': polygon('laodongLcjx', 'lcjxQhf', 'eastNorth', 'northEast', '-dinganLcjx'),
};

/** The polygon of the community with this code suffix. */
export function communityPolygon(suffix: string): Polygon {
  const p = communityPolygons[suffix];
  if (!p) throw new Error(`no polygon for community ${suffix}`);
  return p;
}

/** West Lake's eastern part, sharing the district's shore vertices. */
export const lake: Polygon = {
  type: 'Polygon',
  coordinates: [closeRing([...path('shoreNorth', 'shoreDistrict', 'shoreSouth'), [120.135, 30.262]])],
};

/** Wu Hill, whose north foot is the district's south edge. */
export const wuHill: Polygon = {
  type: 'Polygon',
  coordinates: [
    closeRing([
      ...slice(path('southWest', 'southMiddle', 'southEast'), [120.155, 30.2356], [120.167, 30.2352]),
      [120.1676, 30.2341], [120.167, 30.2328], [120.165, 30.2315], [120.162, 30.2309],
      [120.159, 30.2312], [120.1565, 30.2322], [120.1552, 30.2336],
    ]),
  ],
};

/** Liulang Wenying park: from the shore to the west kerb of Nanshan Road. */
export const liulangWenying: Polygon = {
  type: 'Polygon',
  coordinates: [
    closeRing([
      ...slice(chains.shoreDistrict, [120.1534, 30.2473], [120.1519, 30.2376]),
      [120.1534, 30.2377], [120.154, 30.2395], [120.1543, 30.2405], [120.1545, 30.2425],
      [120.1548, 30.2445], [120.155, 30.2462], [120.1546, 30.2472],
    ]),
  ],
};

/** Changqiao Park, on the shore just south-west of the district. */
export const changqiaoPark: Polygon = {
  type: 'Polygon',
  coordinates: [
    closeRing([
      ...slice(chains.shoreSouth, [120.1503, 30.2361], [120.1488, 30.2346]),
      [120.15, 30.2341], [120.1523, 30.2342], [120.1527, 30.2354], [120.1521, 30.2362],
    ]),
  ],
};

/** Yongjin Park, on the shore by Yongjin Gate, north-west of the district. */
export const yongjinPark: Polygon = {
  type: 'Polygon',
  coordinates: [
    closeRing([...slice([...chains.shoreNorth].reverse(), J.shoreNW, [120.154, 30.25]), [120.155, 30.2499], [120.1552, 30.2482]]),
  ],
};
