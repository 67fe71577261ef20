import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature } from 'geojson';
import { communities, districtBoundary, gridCellFeatures } from './admin.js';
import { greens, hills, landmarks, roads, water } from './basemap.js';
import { BASE_LAYERS, type LayerEntry } from './catalogue.js';
import { THEMATIC_LAYERS } from './catalogue-thematic.js';
import { garbageRooms, solarInstallations } from './ecology.js';
import { carCorridor, carDealers } from './economy.js';
import { writeCollection, writeJson } from './geo.js';
import { indicators } from './indicators.js';
import { alleyRenovations, courtyardBuildings, propertyServiceRooms, TOTALS } from './renovation.js';
import { serviceFacilities } from './services.js';

/** The data/ folder of the project. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

const B = BASE_LAYERS;
const T = THEMATIC_LAYERS;

/** Layers in drawing order (bottom first) with the builder of their features. */
const PLAN: Array<[LayerEntry, () => Feature[]]> = [
  [B.WATER, water],
  [B.HILLS, hills],
  [B.GREENS, greens],
  [B.COMMUNITIES, communities],
  [B.GRID, gridCellFeatures],
  [B.BOUNDARY, districtBoundary],
  [B.ROADS, roads],
  [T.COURTYARDS, courtyardBuildings],
  [T.ALLEYS, alleyRenovations],
  [T.CORRIDOR, carCorridor],
  [B.LANDMARKS, landmarks],
  [T.SERVICE_ROOMS, propertyServiceRooms],
  [T.GARBAGE, garbageRooms],
  [T.SOLAR, solarInstallations],
  [T.DEALERS, carDealers],
  [T.SERVICES, serviceFacilities],
];

function sum(features: Feature[], key: string): number {
  return features.reduce((s, f) => s + Number(f.properties?.[key] ?? 0), 0);
}

function assertTotals(byId: Map<string, Feature[]>): void {
  const buildings = byId.get('courtyard-buildings') ?? [];
  const rooms = byId.get('property-service-rooms') ?? [];
  const facts: Array<[string, number, number]> = [
    ['courtyard buildings', buildings.length, TOTALS.buildings],
    ['courtyard floor area', sum(buildings, 'area_m2'), TOTALS.floorArea],
    ['courtyard households', sum(buildings, 'households'), TOTALS.households],
    ['service-room area', sum(rooms, 'area_m2'), TOTALS.serviceRoomArea],
  ];
  for (const [what, got, want] of facts) if (got !== want) throw new Error(`${what}: ${got}, expected ${want}`);
}

function main(): void {
  mkdirSync(join(DATA_DIR, 'layers'), { recursive: true });
  const byId = new Map<string, Feature[]>();
  for (const [entry, build] of PLAN) {
    const features = build();
    byId.set(entry.id, features);
    writeCollection(join(DATA_DIR, entry.file), features);
    console.log(`${entry.id.padEnd(24)} ${String(features.length).padStart(4)}`);
  }
  assertTotals(byId);
  writeJson(join(DATA_DIR, 'layers.json'), PLAN.map(([entry]) => entry));
  writeJson(join(DATA_DIR, 'indicators.json'), indicators());
}

main();
