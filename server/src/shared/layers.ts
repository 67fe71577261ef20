import { z } from 'zod';
import { LAYER_ID } from './layer-id';

export { LAYER_ID, LAYER_ID_PATTERN } from './layer-id';

/** Groups a layer can belong to, as shown in the layer panel. */
export const LAYER_GROUPS = ['renovation', 'ecology', 'economy', 'services', 'administrative', 'basemap'] as const;
/** Geometry families a layer can hold (Multi* variants are allowed in its features). */
export const GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'] as const;

const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** One property of a layer's schema (a JSON Schema subset with `x-` display hints). */
export const propertySchema = z.looseObject({
  type: z.enum(['string', 'number', 'integer', 'boolean']),
  title: z.string().optional(),
  'x-title-en': z.string().optional(),
  'x-unit': z.string().optional(),
  format: z.string().optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
  'x-enum-labels': z.record(z.string(), localized).optional(),
  /** Long free text: kept out of vector tiles (the feature API serves it). */
  'x-long-text': z.boolean().optional(),
});

/** A layer's property schema: an object JSON Schema with scalar properties. */
export const layerSchema = z.looseObject({
  type: z.literal('object'),
  required: z.array(z.string()).default([]),
  additionalProperties: z.boolean().optional(),
  properties: z.record(z.string(), propertySchema),
});

/**
 * Which properties date a layer's features: `start` (and `end`) name date properties; with
 * `status`, the feature's status property is read as of a date (before `start` it is `before`,
 * until `end` it is `during`, then the stored value) instead of the feature being hidden before `start`.
 */
export const temporalHint = z.object({
  start: z.string(),
  end: z.string().optional(),
  status: z.object({ property: z.string(), before: z.string(), during: z.string() }).optional(),
});

/** One entry of data/layers.json. */
export const layerDefinition = z.object({
  id: z.string().regex(LAYER_ID),
  title: localized,
  description: localized.optional(),
  group: z.enum(LAYER_GROUPS),
  geometryType: z.enum(GEOMETRY_TYPES),
  file: z.string().min(1),
  withinDistrict: z.boolean().default(false),
  temporal: temporalHint.optional(),
  labelProperty: z.string().optional(),
  style: z.looseObject({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/) }),
  attribution: z.string().default(''),
  schema: layerSchema,
});

export type Localized = z.infer<typeof localized>;
export type PropertySchema = z.infer<typeof propertySchema>;
export type LayerSchema = z.infer<typeof layerSchema>;
export type LayerDefinition = z.infer<typeof layerDefinition>;
export type TemporalHint = z.infer<typeof temporalHint>;
export type LayerGroup = (typeof LAYER_GROUPS)[number];
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

/** A layer as the console's API returns it (`GET /api/layers`). */
export interface LayerInfo {
  id: string;
  title: Localized;
  description: Localized;
  group: LayerGroup;
  geometryType: GeometryType;
  schema: LayerSchema;
  style: { color: string; [key: string]: unknown };
  labelProperty?: string;
  temporal?: TemporalHint;
  /** First start and last end of the features' dates (ISO instants; null end: some still running), absent when undated. */
  interval?: [string | null, string | null];
  /** True for layers the map editor must not offer to edit (their features change through a workflow). */
  readOnly?: boolean;
  attribution: string;
  version: number;
  featureCount: number;
  /** [minLon, minLat, maxLon, maxLat] of all features, absent for an empty layer. */
  bbox?: [number, number, number, number];
}

/** `GET /api/layers`: the layer catalogue. */
export interface LayersAnswer {
  layers: LayerInfo[];
}
