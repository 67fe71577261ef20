import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Feature, Geometry } from 'geojson';
import { layerDefinition, type LayerDefinition } from '@shared/layers';
import { indicatorSchema, type Indicator } from '@shared/indicators';

/** A problem in the demo data, naming the file and (where known) the feature. */
export class SeedError extends Error {
  constructor(readonly file: string, message: string, readonly feature?: string) {
    super(`${file}${feature ? ` ${feature}` : ''}: ${message}`);
    this.name = 'SeedError';
  }
}

/** A layer definition with its features as read from disk. */
export interface CatalogueLayer {
  definition: LayerDefinition;
  file: string;
  features: Feature<Geometry>[];
}

/** Everything under data/ that the seed loads. */
export interface Catalogue {
  layers: CatalogueLayer[];
  indicators: Indicator[];
}

function readJson(file: string, dataDir: string): unknown {
  const rel = path.relative(path.dirname(dataDir), file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SeedError(rel, 'file is missing or unreadable');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SeedError(rel, `invalid JSON: ${(err as Error).message}`);
  }
}

function describeZod(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Reads and shape-checks data/layers.json, every layer file and data/indicators.json. */
export function readCatalogue(dataDir: string): Catalogue {
  const base = path.basename(dataDir);
  const defs = z.array(z.unknown()).safeParse(readJson(path.join(dataDir, 'layers.json'), dataDir));
  if (!defs.success) throw new SeedError(`${base}/layers.json`, 'must be an array of layer definitions');
  const seen = new Set<string>();
  const layers = defs.data.map((raw, i): CatalogueLayer => {
    const parsed = layerDefinition.safeParse(raw);
    if (!parsed.success) throw new SeedError(`${base}/layers.json`, describeZod(parsed.error), `layer #${i}`);
    const definition = parsed.data;
    if (seen.has(definition.id)) throw new SeedError(`${base}/layers.json`, 'duplicate layer id', `layer "${definition.id}"`);
    seen.add(definition.id);
    const abs = path.resolve(dataDir, definition.file);
    if (!abs.startsWith(path.resolve(dataDir) + path.sep)) {
      throw new SeedError(`${base}/layers.json`, `file "${definition.file}" lies outside the data folder`, `layer "${definition.id}"`);
    }
    const file = `${base}/${definition.file}`;
    const fc = readJson(abs, dataDir) as { type?: unknown; features?: unknown };
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
      throw new SeedError(file, 'must be a GeoJSON FeatureCollection');
    }
    return { definition, file, features: fc.features as Feature<Geometry>[] };
  });
  const indicatorsFile = path.join(dataDir, 'indicators.json');
  const indicators = fs.existsSync(indicatorsFile)
    ? z.array(indicatorSchema).safeParse(readJson(indicatorsFile, dataDir))
    : { success: true as const, data: [] };
  if (!indicators.success) throw new SeedError(`${base}/indicators.json`, describeZod(indicators.error));
  return { layers, indicators: indicators.data };
}
