import { z } from 'zod';
import { plainText } from '../text';
import { NAME_MAX } from './constants';

// Building blocks of the case schemas; internal to shared/cases (index.ts does not re-export them).

/** A bilingual name. */
export const localized = z.strictObject({ zh: plainText(1, NAME_MAX.zh), en: plainText(1, NAME_MAX.en) });
/** A bilingual name. */
export type Localized = z.infer<typeof localized>;
/** A free-text note of a workflow action. */
export const note = plainText(1, 2000);
/** The version a client acts on (an alternative to If-Match). */
export const version = z.number().int().min(1).optional();
/** A local day or an instant. */
export const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
/** A comma-separated list of enum values (`state=reported,registered`). */
export const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1));
