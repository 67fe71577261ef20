import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { SeedError } from '../../seed/catalogue';
import { createFeatureRepository, createLayerRepository } from '../layers';
import { calendarFile, createCalendarFeature, type CalendarFile } from '../calendar';
import { createCaseLayerWriter } from './case-layer';
import { categoryFile, flattenCategories, type CategoryFile } from './category-catalogue';
import { createCategoryRepository } from './category-repository';

/** File names of the case catalogues in a data folder. */
export const CASE_DATA_FILES = { categories: 'case-categories.json', calendar: 'calendar.json' } as const;

function readFile<T extends z.ZodType>(dataDir: string, name: string, schema: T): z.infer<T> | undefined {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) return undefined;
  const label = `${path.basename(dataDir)}/${name}`;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SeedError(label, `invalid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new SeedError(label, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The case catalogue and calendar of a data folder, validated (each undefined when its file is absent). */
export interface CaseData {
  categories?: CategoryFile;
  calendar?: CalendarFile;
}

/** Reads and validates data/case-categories.json and data/calendar.json; throws a SeedError naming the file. */
export function readCaseData(dataDir: string): CaseData {
  return { categories: readFile(dataDir, CASE_DATA_FILES.categories, categoryFile), calendar: readFile(dataDir, CASE_DATA_FILES.calendar, calendarFile) };
}

/**
 * Stores validated case data and, with a catalogue, creates the `cases` layer.
 * Idempotent: a second run stores the same rows (resetting categories an admin
 * edited; categories no longer in the file are made inactive). Returns the number of categories stored.
 */
export function storeCaseData(db: Db, data: CaseData, now = new Date().toISOString()): number {
  const repo = createCategoryRepository(db);
  return db.transaction(() => {
    if (data.calendar) createCalendarFeature({ db }).store(data.calendar, now);
    if (!data.categories) return 0;
    const list = flattenCategories(data.categories);
    repo.replaceAll(list, now);
    createCaseLayerWriter({ layers: createLayerRepository(db), features: createFeatureRepository(db) }).ensure(now);
    return list.length;
  })();
}

/** Reads, validates and stores the case data of a data folder. */
export function seedCaseCatalogue(db: Db, dataDir: string, now = new Date().toISOString()): number {
  return storeCaseData(db, readCaseData(dataDir), now);
}
