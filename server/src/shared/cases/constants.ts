// Plain constants of the cases contract, with no zod, so that the client can import them
// (`@shared/cases/constants`) without bundling the schema library; the schemas use them too.

/** Longest bilingual name, in characters per language. */
export const NAME_MAX = { zh: 100, en: 200 } as const;

/** A minor-class code: family letter, major class, minor class (`C01-03`, `E02-01`). */
export const CATEGORY_CODE = /^[CE]\d{2}-\d{2}$/;
/** A major-class code: family letter and major class (`C07`). */
export const CATEGORY_MAJOR_CODE = /^[CE]\d{2}$/;

/** A community's code: the 12-digit statistical division code (`330102001051`). */
export const COMMUNITY_CODE = /^\d{12}$/;
/** A unit grid cell's code: its community's code and a three-digit cell number (15 digits). */
export const GRID_CODE = /^\d{15}$/;
/** A case number: `QB`, the year of filing and a six-digit sequence (`QB2011-000123`). */
export const CASE_NUMBER = /^QB\d{4}-\d{6}$/;

/** Units of a time limit: working hours or working days. */
export const TIME_UNITS = ['wh', 'wd'] as const;
/** A time-limit unit. */
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * Limits of a category's editable fields, as `categoryUpdateBody` and `newCategoryBody` enforce them
 * (and the client's category form checks before sending): name length per language, the largest
 * time limit, the duplicate radius in metres.
 */
export const CATEGORY_LIMITS = { nameZh: NAME_MAX.zh, nameEn: NAME_MAX.en, timeLimitMax: 1000, radiusMin: 1, radiusMax: 2000 } as const;

/** Duplicate radius of a new category when none is given (the catalogue file's default). */
export const DEFAULT_DUPLICATE_RADIUS_M = 50;

/**
 * Share of the time limit from which a clock turns yellow: green below it, yellow from it up to the
 * deadline, red past the deadline (the default of local digital city-management time-limit rules).
 */
export const CLOCK_YELLOW_FROM = 0.8;
