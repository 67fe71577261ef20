import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, Point, Polygon } from 'geojson';
import type { LayerEntry } from './catalogue.js';
import {
  bboxesMeet, geometryErrors, insideOrOn, liesWithin, overlapArea, positions, Report, validateProps,
} from './check-lib.js';
import { at } from './geo.js';
import type { Indicator } from './indicators.js';

type F = Feature<Geometry, Record<string, string | number | boolean>>;

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(DATA, file), 'utf8')) as T;
const r = new Report();

const catalogue = read<LayerEntry[]>('layers.json');
const layers = new Map<string, F[]>();
const FAMILY: Record<string, string[]> = { Point: ['Point', 'MultiPoint'], LineString: ['LineString', 'MultiLineString'], Polygon: ['Polygon', 'MultiPolygon'] };

r.ok(new Set(catalogue.map((l) => l.id)).size === catalogue.length, 'layer ids are unique');
for (const entry of catalogue) {
  r.ok(/^[a-z0-9-]+$/.test(entry.id), `${entry.id}: id is a slug`);
  r.ok(entry.attribution.startsWith('演示数据 Demo data:'), `${entry.id}: attribution marks demo data`);
  r.ok(entry.withinDistrict === (entry.group !== 'basemap'), `${entry.id}: withinDistrict matches group`);
  const fc = read<FeatureCollection>(entry.file);
  r.ok(fc.type === 'FeatureCollection', `${entry.id}: is a FeatureCollection`);
  const features = fc.features as F[];
  layers.set(entry.id, features);
  for (const key of [entry.temporal?.start, entry.temporal?.end, entry.temporal?.status?.property, entry.style.colorBy?.property, entry.labelProperty]) {
    if (key) r.ok(key in entry.schema.properties, `${entry.id}: ${key} is in the schema`);
  }
  const status = entry.temporal?.status;
  if (status) {
    const values = entry.schema.properties[status.property]?.enum ?? [];
    r.ok(values.includes(status.before) && values.includes(status.during), `${entry.id}: as-of statuses are values of ${status.property}`);
  }
  features.forEach((f, i) => {
    const where = `${entry.file} #${i + 1} (${String(f.properties?.name)})`;
    r.ok(!('id' in f), `${where}: carries no id`);
    r.ok((FAMILY[entry.geometryType] ?? []).includes(f.geometry.type), `${where}: geometry ${f.geometry.type}`);
    for (const e of validateProps(f.properties ?? {}, entry.schema)) r.ok(false, `${where}: ${e}`);
    for (const e of geometryErrors(f.geometry)) r.ok(false, `${where}: ${e}`);
  });
}

const get = (id: string): F[] => layers.get(id) ?? [];
const pairs = <T>(items: T[]): Array<[T, T]> => items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
const boundary = at(get('district-boundary'), 0).geometry as Polygon;
const boundaryArea = turf.area(boundary);
const communities = get('communities');
const communityByName = new Map(communities.map((c) => [String(c.properties.name), c]));
const lake = at(get('water'), 0).geometry as Polygon;

r.ok(get('district-boundary').length === 1, 'one boundary feature');
r.ok(boundaryArea > 2.1e6 && boundaryArea < 2.5e6, `district area ${(boundaryArea / 1e6).toFixed(3)} km² within 2.1–2.5`);

for (const entry of catalogue.filter((l) => l.withinDistrict)) {
  get(entry.id).forEach((f, i) => r.ok(liesWithin(f.geometry, boundary), `${entry.id} #${i + 1} (${f.properties.name}) lies within the district`));
}

// Communities tile the boundary.
r.ok(communities.length === 5, '5 communities');
const communityAreas = communities.map((c) => turf.area(c.geometry as Polygon));
const communitySum = communityAreas.reduce((a, b) => a + b, 0);
r.ok(Math.abs(communitySum / boundaryArea - 1) < 0.001, `community areas sum to the boundary (${(communitySum / boundaryArea - 1) * 100} %)`);
for (const [a, b] of pairs(communities)) {
  const o = overlapArea(a.geometry, b.geometry);
  r.ok(o < 0.01, `communities ${a.properties.name}/${b.properties.name} overlap ${o.toFixed(4)} m²`);
}
const sumOf = (fs: F[], key: string) => fs.reduce((s, f) => s + Number(f.properties[key] ?? 0), 0);
r.ok(sumOf(communities, 'population_registered') === 31000, 'registered residents sum to 31,000');
r.ok(sumOf(communities, 'population_temporary') === 11000, 'temporary residents sum to 11,000');
for (const f of [...communities, ...get('grid-cells'), ...get('district-boundary')]) {
  const a = Math.round(turf.area(f.geometry as Polygon));
  r.ok(Math.abs(a - Number(f.properties.area_m2)) <= 1, `${f.properties.name}: area_m2 ${f.properties.area_m2} = turf ${a}`);
}
const liucui = communityByName.get('柳翠井巷社区');
r.ok(/1949/.test(String(liucui?.properties.description)) && /居民委员会/.test(String(liucui?.properties.description)), '柳翠井巷 mentions the first residents’ committee (1949)');

// Grid cells tile each community.
const cells = get('grid-cells');
r.ok(cells.length >= 30, `${cells.length} grid cells (≥ 30)`);
r.ok(new Set(cells.map((c) => c.properties.code)).size === cells.length, 'grid codes are unique');
for (const c of communities) {
  const poly = c.geometry as Polygon;
  const own = cells.filter((g) => g.properties.community_code === c.properties.code);
  const sum = own.reduce((s, g) => s + turf.area(g.geometry as Polygon), 0);
  r.ok(own.length > 0 && Math.abs(sum / turf.area(poly) - 1) < 0.001, `${c.properties.name}: ${own.length} cells cover ${((sum / turf.area(poly)) * 100).toFixed(4)} %`);
  own.forEach((g, i) => {
    const seq = String(i + 1).padStart(3, '0');
    r.ok(g.properties.code === `${c.properties.code}${seq}`, `${g.properties.code}: numbered ${seq} in file order`);
    r.ok(g.properties.community === c.properties.name, `${g.properties.code}: community name`);
    r.ok(g.geometry.type === 'Polygon' && g.geometry.coordinates.length === 1, `${g.properties.code}: one single-ring polygon`);
    r.ok(liesWithin(g.geometry, poly), `${g.properties.code}: within its community`);
  });
  let overlaps = 0;
  for (const [a, b] of pairs(own)) if (bboxesMeet(a.geometry, b.geometry)) overlaps += overlapArea(a.geometry, b.geometry);
  r.ok(overlaps < 0.01, `${c.properties.name}: cells overlap ${overlaps.toFixed(4)} m² in all`);
}
const cellAreas = cells.map((g) => turf.area(g.geometry as Polygon));
r.ok(Math.min(...cellAreas) >= 3000, `smallest cell ${Math.min(...cellAreas).toFixed(0)} m² (≥ 3,000)`);

// Features sit in the community they are labelled with; offices lie in their community.
for (const entry of catalogue.filter((l) => l.id !== 'communities' && l.id !== 'grid-cells')) {
  for (const f of get(entry.id)) {
    const name = f.properties.community;
    if (typeof name !== 'string') continue;
    const c = communityByName.get(name);
    r.ok(!!c && liesWithin(f.geometry, c.geometry as Polygon), `${entry.id}: ${f.properties.name} lies in ${name}`);
  }
}
const offices = get('service-facilities').filter((f) => f.properties.kind === 'community_office');
r.ok(offices.length === 5, '5 community offices');
for (const c of communities) {
  const office = offices.find((o) => o.properties.address === c.properties.office_address);
  r.ok(!!office && liesWithin(office.geometry, c.geometry as Polygon), `${c.properties.name}: office ${c.properties.office_address} inside`);
}

// Nothing floats in West Lake.
for (const entry of catalogue.filter((l) => l.id !== 'water')) {
  for (const f of get(entry.id)) {
    const g = f.geometry;
    const wet = g.type === 'Polygon' ? overlapArea(g, lake) > 0.01 : positions(g).some((p) => turf.booleanPointInPolygon(p, lake, { ignoreBoundary: true }));
    r.ok(!wet, `${entry.id}: ${f.properties.name} is not in West Lake`);
  }
}

// The report's totals.
const count = (id: string, pred: (f: F) => boolean = () => true) => get(id).filter(pred).length;
r.ok(count('garbage-rooms') === 6, `6 garbage rooms (${count('garbage-rooms')})`);
r.ok(count('solar-installations') === 33, `33 solar installations (${count('solar-installations')})`);
for (const [kind, n] of [['rooftop', 1], ['courtyard_lamps', 1], ['promotion_window', 1], ['stairwell_lamp', 30]] as const) {
  r.ok(count('solar-installations', (f) => f.properties.kind === kind) === n, `${n} × ${kind}`);
}
const buildings = get('courtyard-buildings');
r.ok(buildings.length === 15, `15 courtyard buildings (${buildings.length})`);
r.ok(sumOf(buildings, 'area_m2') === 38600, `courtyard floor area 38,600 m² (${sumOf(buildings, 'area_m2')})`);
r.ok(sumOf(buildings, 'households') === 890, `courtyard households 890 (${sumOf(buildings, 'households')})`);
const rooms = get('property-service-rooms');
r.ok(sumOf(rooms, 'area_m2') === 275, `service rooms 275 m² (${sumOf(rooms, 'area_m2')})`);
r.ok(communities.every((c) => rooms.some((x) => x.properties.community === c.properties.name)), 'a service room in every community');
r.ok(count('car-dealers') >= 10, `≥ 10 car dealers (${count('car-dealers')})`);
const roadNames = new Set(get('roads').map((f) => f.properties.name));
r.ok(roadNames.size >= 15, `≥ 15 named roads (${roadNames.size})`);
const shops = get('service-facilities').filter((f) => f.properties.kind === 'farm_produce_shop');
r.ok(shops.length === 3 && sumOf(shops, 'graduates_employed') === 25, '3 farm-produce shops employing 25 graduates');
r.ok(count('alley-renovations') === 3, '3 renovated alleys');
for (const f of [...get('alley-renovations'), ...get('car-corridor')]) {
  const len = turf.length(turf.feature(f.geometry as LineString), { units: 'meters' });
  r.ok(Math.round(len) === f.properties.length_m, `${f.properties.name}: length_m = ${Math.round(len)}`);
}
for (const f of get('alley-renovations')) r.ok(Number(f.properties.length_m) >= 100 && Number(f.properties.length_m) <= 300, `${f.properties.name}: 100–300 m`);
const corridor = at(get('car-corridor'), 0);
const nanshan = get('roads').find((f) => f.properties.name === '南山路');
r.ok(Math.abs(Number(corridor.properties.length_m) - 1000) <= 100, `car corridor ≈ 1 km (${corridor.properties.length_m} m)`);
r.ok(!!nanshan && positions(corridor.geometry).every((p) => turf.pointToLineDistance(p, nanshan.geometry as LineString, { units: 'meters' }) < 0.5), 'car corridor follows Nanshan Road');
for (const d of get('car-dealers')) {
  const m = turf.pointToLineDistance((d.geometry as Point).coordinates, nanshan?.geometry as LineString, { units: 'meters' });
  r.ok(m < 60, `${d.properties.name}: ${m.toFixed(0)} m from Nanshan Road`);
}
const offLand = get('landmarks').filter((f) => f.properties.outside_district === false && !insideOrOn((f.geometry as Point).coordinates, boundary));
r.ok(offLand.length === 0, `landmarks not flagged outside lie in the district (${offLand.map((f) => f.properties.name).join(', ')})`);
const inFlagged = get('landmarks').filter((f) => f.properties.outside_district === true && insideOrOn((f.geometry as Point).coordinates, boundary));
r.ok(inFlagged.length === 0, `landmarks flagged outside lie outside the district (${inFlagged.map((f) => f.properties.name).join(', ')})`);

for (const [area, landmark] of [['柳浪闻莺', '柳浪闻莺'], ['长桥公园', '长桥公园'], ['吴山广场', '吴山广场'], ['吴山', '吴山景区']]) {
  const poly = [...get('greens'), ...get('hills')].find((f) => f.properties.name === area);
  const point = get('landmarks').find((f) => f.properties.name === landmark);
  r.ok(!!poly && !!point && liesWithin(point.geometry, poly.geometry as Polygon), `landmark ${landmark} lies in ${area}`);
}

// Indicators.
const inds = read<Indicator[]>('indicators.json');
const groups = ['economy', 'ecology', 'renovation', 'city_management', 'services', 'safety', 'party'];
r.ok(new Set(inds.map((x) => x.key)).size === inds.length, 'indicator keys unique');
for (const x of inds) {
  r.ok(x.year === 2011 && /^[a-z][a-z0-9_]*$/.test(x.key) && !!x.title.zh && !!x.title.en && typeof x.value === 'number'
    && (x.plan === null || typeof x.plan === 'number') && (x.growth_pct === null || typeof x.growth_pct === 'number')
    && !!x.unit && groups.includes(x.group), `indicator ${x.key} well-formed`);
}

console.log('layer                     features');
for (const entry of catalogue) console.log(`${entry.id.padEnd(26)}${String(get(entry.id).length).padStart(6)}`);
console.log(`district area ${(boundaryArea / 1e6).toFixed(3)} km²; ${inds.length} indicators`);
process.exit(r.finish());
