/** The JSON body of every error answer of `/api` and `/ogc` (Open311 answers in its own formats). */
export interface ErrorBody {
  error: {
    /** A stable machine-readable code, e.g. `validation_failed`, `outside_district`. */
    code: string;
    /** A message safe to show the user. */
    message: string;
    /** More about the error: e.g. the problems of a refused feature ({@link FeatureProblem}[]), `{ retryAfter }` for a 429. */
    details?: unknown;
  };
}

/**
 * Stable codes of feature problems, for showing them in the user's language: JSON Schema keywords for properties
 * (`required`, `type`, `enum`, …), then the geometry, file and CSV checks.
 */
export const FEATURE_PROBLEM_CODES = [
  'required', 'type', 'enum', 'const', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'pattern', 'format', 'minItems', 'maxItems', 'unknownProperty', 'blank', 'reservedName', 'invalid',
  'notFeature', 'geometryMissing', 'geometryType', 'badPosition', 'tooFewPositions', 'zeroLength', 'ringNotClosed',
  'ringTooFewPositions', 'ringZeroArea', 'noRing', 'noParts', 'tooManyPositions', 'selfIntersection', 'outsideDistrict',
  'crsConversion', 'emptyValue', 'notANumber', 'geometryColumnTooLarge', 'geometryColumnNotGeoJson', 'geometryColumnEmpty',
] as const;

/** A feature problem's code. */
export type FeatureProblemCode = (typeof FEATURE_PROBLEM_CODES)[number];

/** One problem found in a feature written through OGC API – Features Part 4 or imported, with the JSON path it concerns (`properties.name`, `geometry`). */
export interface FeatureProblem {
  path: string;
  /** The problem in English, for tools and logs. */
  message: string;
  /** What went wrong, for a message in the user's language (with `field` and `params`). */
  code?: FeatureProblemCode;
  /** The property the problem concerns (its schema key, e.g. `name`), `geometry`, or a CSV column. */
  field?: string;
  /** The figures the message needs: `{ limit }`, `{ type }`, `{ allowed }`, `{ expected, got }`, `{ lon, lat }`, … */
  params?: Record<string, string | number>;
}
