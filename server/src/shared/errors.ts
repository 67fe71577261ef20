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

/** One problem found in a feature written through OGC API – Features Part 4, with the JSON path it concerns (`properties.name`, `geometry`). */
export interface FeatureProblem {
  path: string;
  message: string;
}
