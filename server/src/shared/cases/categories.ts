import { z } from 'zod';
import { DEPARTMENTS } from '../auth';
import { localized, NAME_MAX, type Localized } from './common';
import type { Department } from './workflow';

/** Category families: 部件 components (things) and 事件 events (happenings). */
export const CATEGORY_FAMILIES = ['component', 'event'] as const;
/** A category family. */
export type CategoryFamily = (typeof CATEGORY_FAMILIES)[number];
/** A minor-class code: family letter, major class, minor class (`C01-03`, `E02-01`). */
export const CATEGORY_CODE = /^[CE]\d{2}-\d{2}$/;
/** A major-class code: family letter and major class (`C07`). */
export const CATEGORY_MAJOR_CODE = /^[CE]\d{2}$/;

/**
 * Limits of a category's editable fields, as `categoryUpdateBody` and `newCategoryBody` enforce them
 * (and the client's category form checks before sending): name length per language, the largest
 * time limit, the duplicate radius in metres.
 */
export const CATEGORY_LIMITS = { nameZh: NAME_MAX.zh, nameEn: NAME_MAX.en, timeLimitMax: 1000, radiusMin: 1, radiusMax: 2000 } as const;

/** Units of a time limit: working hours or working days. */
export const TIME_UNITS = ['wh', 'wd'] as const;
/** A time-limit unit. */
export type TimeUnit = (typeof TIME_UNITS)[number];

/** A handling time limit. */
export const timeLimitSchema = z.strictObject({ value: z.number().positive().max(CATEGORY_LIMITS.timeLimitMax), unit: z.enum(TIME_UNITS) });
/** A handling time limit. */
export type TimeLimit = z.infer<typeof timeLimitSchema>;

/** Body of `PUT /api/cases/categories/:code`: the fields to change. */
export const categoryUpdateBody = z.strictObject({
  name: localized.optional(),
  timeLimit: timeLimitSchema.optional(),
  department: z.enum(DEPARTMENTS).optional(),
  duplicateRadiusM: z.number().min(CATEGORY_LIMITS.radiusMin).max(CATEGORY_LIMITS.radiusMax).optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

/** Duplicate radius of a new category when none is given (the catalogue file's default). */
export const DEFAULT_DUPLICATE_RADIUS_M = 50;

/**
 * Body of `POST /api/cases/categories`: a district extension minor class under an existing
 * extension major class (`extension: true`, e.g. C07 扩展部件). Without `code` the server takes
 * the next free minor number of the major class.
 */
export const newCategoryBody = z.strictObject({
  majorCode: z.string().regex(CATEGORY_MAJOR_CODE, 'a major-class code like C07'),
  code: z.string().regex(CATEGORY_CODE, 'a category code like C07-04').optional(),
  name: localized,
  timeLimit: timeLimitSchema,
  department: z.enum(DEPARTMENTS),
  duplicateRadiusM: z.number().min(CATEGORY_LIMITS.radiusMin).max(CATEGORY_LIMITS.radiusMax).default(DEFAULT_DUPLICATE_RADIUS_M),
}).refine((b) => b.code === undefined || b.code.startsWith(`${b.majorCode}-`), { path: ['code'], message: 'the code must start with its major class (e.g. C07-)' });
/** Body of `POST /api/cases/categories`. */
export type NewCategoryBody = z.input<typeof newCategoryBody>;

/** A minor class of the category catalogue as the API returns it. */
export interface CaseCategory {
  code: string;
  family: CategoryFamily;
  major: { code: string; name: Localized };
  name: Localized;
  timeLimit: TimeLimit;
  /** Later stages of a staged limit (e.g. illegal structures: stop work, penalty, demolition). */
  stages?: { name: Localized; timeLimit: TimeLimit }[];
  department: Department;
  duplicateRadiusM: number;
  /** A district extension of the standard catalogue. */
  extension: boolean;
  active: boolean;
  demo: boolean;
  /** Bumped on every change; the ETag `"category-<code>-<version>"` carries it for If-Match. */
  version: number;
}
