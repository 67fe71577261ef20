import type { NewCategoryBody, TimeUnit } from '@shared/cases';
import {
  CATEGORY_CODE as MINOR_CODE, CATEGORY_LIMITS, CATEGORY_MAJOR_CODE as MAJOR_CODE, DEFAULT_DUPLICATE_RADIUS_M, TIME_UNITS,
} from '@shared/cases/constants';
import { HttpError } from '../../../api/http';
import { DEPARTMENTS, type Department } from '../../auth';
import type { CaseCategory } from '../types';

/** The limits and units of `categoryUpdateBody` and `newCategoryBody`, which the form checks before sending. */
export { CATEGORY_LIMITS, TIME_UNITS } from '@shared/cases/constants';

/** The form's fields, named as the server's error details name them. */
export type CategoryField = 'name.zh' | 'name.en' | 'timeLimit.value' | 'timeLimit.unit' | 'department' | 'duplicateRadiusM' | 'active' | 'majorCode' | 'code';

/** What the inputs hold (numbers as typed). */
export interface CategoryFormValues {
  nameZh: string;
  nameEn: string;
  timeLimitValue: string;
  timeLimitUnit: string;
  department: string;
  duplicateRadiusM: string;
  active: boolean;
  /** New categories only: the extension major class and an optional chosen code. */
  majorCode: string;
  code: string;
}

/** A field's problem: an i18n key under `cases.categoryAdmin.errors` and its parameters. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

/** Problems by field; `form` holds one that belongs to no single field. */
export type FormErrors = Partial<Record<CategoryField | 'form', FieldError>>;

/** The body to send, or the problems that keep it from being sent. */
export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FormErrors };

/** Body of `PUT /api/cases/categories/:code`. */
export interface CategoryChange {
  name?: { zh: string; en: string };
  timeLimit?: { value: number; unit: TimeUnit };
  department?: Department;
  duplicateRadiusM?: number;
  active?: boolean;
}

/** The form's values for an existing category. */
export function formValuesOf(c: CaseCategory): CategoryFormValues {
  return {
    nameZh: c.name.zh, nameEn: c.name.en, timeLimitValue: String(c.timeLimit.value), timeLimitUnit: c.timeLimit.unit,
    department: c.department, duplicateRadiusM: String(c.duplicateRadiusM), active: c.active, majorCode: c.major.code, code: c.code,
  };
}

/** Empty values for a new category of a major class. */
export function emptyFormValues(majorCode: string): CategoryFormValues {
  return { nameZh: '', nameEn: '', timeLimitValue: '', timeLimitUnit: 'wd', department: '', duplicateRadiusM: String(DEFAULT_DUPLICATE_RADIUS_M), active: true, majorCode, code: '' };
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return undefined;
  return Number(trimmed);
}

interface CommonFields {
  name: { zh: string; en: string };
  timeLimit: { value: number; unit: TimeUnit };
  department: Department;
  duplicateRadiusM: number;
}

function validateCommon(v: CategoryFormValues): Validated<CommonFields> {
  const errors: FormErrors = {};
  const zh = v.nameZh.trim();
  const en = v.nameEn.trim();
  if (!zh) errors['name.zh'] = { key: 'required' };
  else if (zh.length > CATEGORY_LIMITS.nameZh) errors['name.zh'] = { key: 'tooLong', params: { max: CATEGORY_LIMITS.nameZh } };
  if (!en) errors['name.en'] = { key: 'required' };
  else if (en.length > CATEGORY_LIMITS.nameEn) errors['name.en'] = { key: 'tooLong', params: { max: CATEGORY_LIMITS.nameEn } };
  const value = parseNumber(v.timeLimitValue);
  if (v.timeLimitValue.trim() === '') errors['timeLimit.value'] = { key: 'required' };
  else if (value === undefined) errors['timeLimit.value'] = { key: 'notNumber' };
  else if (!(value > 0) || value > CATEGORY_LIMITS.timeLimitMax) errors['timeLimit.value'] = { key: 'timeLimitRange', params: { max: CATEGORY_LIMITS.timeLimitMax } };
  if (!(TIME_UNITS as readonly string[]).includes(v.timeLimitUnit)) errors['timeLimit.unit'] = { key: 'required' };
  if (!(DEPARTMENTS as readonly string[]).includes(v.department)) errors.department = { key: 'required' };
  const radius = parseNumber(v.duplicateRadiusM);
  if (v.duplicateRadiusM.trim() === '') errors.duplicateRadiusM = { key: 'required' };
  else if (radius === undefined) errors.duplicateRadiusM = { key: 'notNumber' };
  else if (radius < CATEGORY_LIMITS.radiusMin || radius > CATEGORY_LIMITS.radiusMax) {
    errors.duplicateRadiusM = { key: 'radiusRange', params: { min: CATEGORY_LIMITS.radiusMin, max: CATEGORY_LIMITS.radiusMax } };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { name: { zh, en }, timeLimit: { value: value!, unit: v.timeLimitUnit as TimeUnit }, department: v.department as Department, duplicateRadiusM: radius! },
  };
}

/** Checks an edit as `categoryUpdateBody` does and keeps only the fields that differ from the stored category. */
export function validateChange(original: CaseCategory, v: CategoryFormValues): Validated<CategoryChange> {
  const common = validateCommon(v);
  if (!common.ok) return common;
  const next = common.body;
  const body: CategoryChange = {};
  if (next.name.zh !== original.name.zh || next.name.en !== original.name.en) body.name = next.name;
  if (next.timeLimit.value !== original.timeLimit.value || next.timeLimit.unit !== original.timeLimit.unit) body.timeLimit = next.timeLimit;
  if (next.department !== original.department) body.department = next.department;
  if (next.duplicateRadiusM !== original.duplicateRadiusM) body.duplicateRadiusM = next.duplicateRadiusM;
  if (v.active !== original.active) body.active = v.active;
  if (Object.keys(body).length === 0) return { ok: false, errors: { form: { key: 'noChanges' } } };
  return { ok: true, body };
}

/** Checks a new extension category as `newCategoryBody` does. */
export function validateNew(v: CategoryFormValues): Validated<NewCategoryBody> {
  const common = validateCommon(v);
  const errors: FormErrors = common.ok ? {} : { ...common.errors };
  const majorCode = v.majorCode.trim();
  const code = v.code.trim().toUpperCase();
  if (!MAJOR_CODE.test(majorCode)) errors.majorCode = { key: 'required' };
  else if (code && (!MINOR_CODE.test(code) || !code.startsWith(`${majorCode}-`))) errors.code = { key: 'codeFormat', params: { major: majorCode } };
  if (!common.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { majorCode, ...(code ? { code } : {}), ...common.body } };
}

const FIELDS: readonly CategoryField[] = ['name.zh', 'name.en', 'timeLimit.value', 'timeLimit.unit', 'department', 'duplicateRadiusM', 'active', 'majorCode', 'code'];

/**
 * A refused save as form errors: each of the server's `details` on the field it names
 * (its message shown as the server wrote it), a stale version (412) and anything else on the form.
 */
export function serverErrors(error: unknown): FormErrors {
  if (!(error instanceof HttpError)) return { form: { key: 'network' } };
  if (error.status === 412) return { form: { key: 'stale' } };
  const errors: FormErrors = {};
  const details = Array.isArray(error.details) ? (error.details as unknown[]) : [];
  for (const d of details) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, message } = d as { field?: unknown; message?: unknown };
    const known = FIELDS.find((f) => f === field || (typeof field === 'string' && field.startsWith(`${f}.`)));
    if (known && !errors[known]) errors[known] = { key: 'server', params: { message: typeof message === 'string' ? message : error.message } };
  }
  if (Object.keys(errors).length === 0) errors.form = { key: 'server', params: { message: error.message } };
  return errors;
}
