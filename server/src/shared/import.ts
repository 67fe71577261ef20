import { z } from 'zod';
import type { Feature } from 'geojson';
import type { FeatureProblem } from './errors';
import { IMPORT_CRS, IMPORT_FORMATS } from './upload-limits';

export { IMPORT_CRS, IMPORT_FORMATS, IMPORT_LIMITS } from './upload-limits';


/** One import format. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** One coordinate system of imported coordinates. */
export type ImportCrs = (typeof IMPORT_CRS)[number];

/** The bounds an import service applies (`IMPORT_LIMITS` unless a test sets others). */
export interface ImportLimits {
  maxFeatures: number;
  maxVertices: number;
  maxFeatureChars: number;
}

const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', ''])]).transform((v) => v === true || v === 'true' || v === '1');

/**
 * The fields of `POST /api/layers/:layerId/import` besides the file (multipart field `file`)
 * or, in a JSON body, its `text`. Without `format` it follows the file name or the content.
 */
export const importFields = z.strictObject({
  format: z.enum(IMPORT_FORMATS).optional(),
  crs: z.enum(IMPORT_CRS, { error: `crs must be one of ${IMPORT_CRS.join(', ')}` }).default('wgs84'),
  dryRun: flag.default(false),
  onlyValid: flag.default(false),
  text: z.string().optional(),
  fileName: z.string().max(255).optional(),
});

/** One problem of one imported feature, with the JSON path (or CSV column) it concerns, its code, field and figures. */
export type ImportProblem = FeatureProblem;

/** A note about the whole file, with a code for a message in the user's language (`message` is English, for tools). */
export interface ImportNote {
  code: 'encoding' | 'crsIgnored' | 'idIgnored' | 'unknownColumns';
  message: string;
  params?: Record<string, string>;
}

/** What the import found for one feature of the file. */
export interface ImportFeatureReport {
  /** Position of the feature in the file, from 0. */
  index: number;
  /** For CSV: the line its record starts on (the header is line 1). */
  line?: number;
  ok: boolean;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** The feature as it would be stored: WGS84, coerced properties (absent when it could not be read). */
  feature?: Feature;
}

/** The outcome of an import, dry run or not. */
export interface ImportReport {
  layerId: string;
  format: ImportFormat;
  crs: ImportCrs;
  dryRun: boolean;
  onlyValid: boolean;
  /** Whether features were written (false for a dry run or a refused commit). */
  committed: boolean;
  totals: { features: number; valid: number; invalid: number; withWarnings: number; imported: number };
  /** Ids of the stored features, in file order. */
  ids: number[];
  /** The layer's version after the import. */
  layerVersion: number;
  /** Notes about the whole file (e.g. ignored columns, the text encoding), in English. */
  notes: string[];
  /** The same notes with their codes and figures, for the user's language. */
  noteDetails?: ImportNote[];
  features: ImportFeatureReport[];
}
