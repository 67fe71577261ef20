import { z } from 'zod';
import { DEPARTMENTS } from '../auth';
import { localized, type Localized } from './common';
import { CATEGORY_CODE, CATEGORY_LIMITS, CATEGORY_MAJOR_CODE, DEFAULT_DUPLICATE_RADIUS_M, TIME_UNITS } from './constants';
import type { Department } from './workflow';

/** Category families: 部件 components (things) and 事件 events (happenings). */
export const CATEGORY_FAMILIES = ['component', 'event'] as const;
/** A category family. */
export type CategoryFamily = (typeof CATEGORY_FAMILIES)[number];

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

/** `GET /api/cases/categories`: the whole catalogue, in catalogue order. */
export interface CategoriesAnswer {
  categories: CaseCategory[];
}

/** `POST /api/cases/categories` and `PUT /api/cases/categories/{code}`: the stored category. */
export interface CategoryAnswer {
  category: CaseCategory;
}
