import { z } from 'zod';
import { DEPARTMENTS } from '@shared/auth';
import { CATEGORY_CODE, CATEGORY_FAMILIES, timeLimitSchema } from '@shared/cases';
import type { CategoryInput } from './category-repository';

const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) });

const minor = z.strictObject({
  code: z.string().regex(CATEGORY_CODE),
  name: localized,
  timeLimit: timeLimitSchema,
  stages: z.array(z.strictObject({ name: localized, timeLimit: timeLimitSchema })).optional(),
  department: z.enum(DEPARTMENTS),
  duplicateRadiusM: z.number().positive().max(2000).optional(),
});

const major = z.strictObject({
  code: z.string().regex(/^[CE]\d{2}$/),
  family: z.enum(CATEGORY_FAMILIES),
  name: localized,
  extension: z.boolean().optional(),
  minors: z.array(minor).min(1),
}).superRefine((m, ctx) => {
  if ((m.family === 'component') !== m.code.startsWith('C')) ctx.addIssue({ code: 'custom', path: ['code'], message: `${m.code}: components start with C, events with E` });
  for (const [i, c] of m.minors.entries()) {
    if (!c.code.startsWith(`${m.code}-`)) ctx.addIssue({ code: 'custom', path: ['minors', i, 'code'], message: `${c.code} is not a minor class of ${m.code}` });
  }
});

/** The shape of data/case-categories.json: major classes, each with its minor classes. */
export const categoryFile = z.strictObject({
  demo: z.boolean(),
  note: localized.optional(),
  defaults: z.strictObject({ duplicateRadiusM: z.number().positive().max(2000) }),
  majors: z.array(major).min(1),
}).superRefine((f, ctx) => {
  const codes = f.majors.flatMap((m) => [m.code, ...m.minors.map((c) => c.code)]);
  const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (repeated.length) ctx.addIssue({ code: 'custom', path: ['majors'], message: `duplicate codes: ${[...new Set(repeated)].join(', ')}` });
});

/** The category catalogue as data/case-categories.json holds it. */
export type CategoryFile = z.infer<typeof categoryFile>;

/** The minor classes of a catalogue file, in file order, as the table stores them. */
export function flattenCategories(file: CategoryFile): CategoryInput[] {
  return file.majors.flatMap((m) => m.minors.map((c): CategoryInput => ({
    code: c.code,
    family: m.family,
    major: { code: m.code, name: m.name },
    name: c.name,
    timeLimit: c.timeLimit,
    ...(c.stages ? { stages: c.stages } : {}),
    department: c.department,
    duplicateRadiusM: c.duplicateRadiusM ?? file.defaults.duplicateRadiusM,
    extension: m.extension ?? false,
    active: true,
    demo: file.demo,
  })));
}
