import { isPostgres, type Db } from '../../db/database';
import type { CaseCategory, Department, TimeUnit } from '@shared/cases';

interface CategoryRow {
  code: string;
  family: CaseCategory['family'];
  major_code: string;
  major_zh: string;
  major_en: string;
  name_zh: string;
  name_en: string;
  time_limit_value: number;
  time_limit_unit: TimeUnit;
  stages: string | null;
  department: Department;
  duplicate_radius_m: number;
  extension: number;
  active: number;
  demo: number;
  version: number;
}

/** What a catalogue file or an admin supplies: a category before it is stored (the version is the table's). */
export type CategoryInput = Omit<CaseCategory, 'version'>;

/** The major class a new minor class joins: its family, names and whether it is a district extension. */
export interface MajorClass {
  family: CaseCategory['family'];
  major: CaseCategory['major'];
  extension: boolean;
}

const toCategory = (r: CategoryRow): CaseCategory => ({
  code: r.code,
  family: r.family,
  major: { code: r.major_code, name: { zh: r.major_zh, en: r.major_en } },
  name: { zh: r.name_zh, en: r.name_en },
  timeLimit: { value: r.time_limit_value, unit: r.time_limit_unit },
  ...(r.stages ? { stages: JSON.parse(r.stages) as CaseCategory['stages'] } : {}),
  department: r.department,
  duplicateRadiusM: r.duplicate_radius_m,
  extension: r.extension === 1,
  active: r.active === 1,
  demo: r.demo === 1,
  version: r.version,
});

const toRow = (c: CategoryInput, sortOrder: number, now: string) => ({
  code: c.code, family: c.family, major_code: c.major.code, major_zh: c.major.name.zh, major_en: c.major.name.en,
  name_zh: c.name.zh, name_en: c.name.en, time_limit_value: c.timeLimit.value, time_limit_unit: c.timeLimit.unit,
  stages: c.stages ? JSON.stringify(c.stages) : null, department: c.department, duplicate_radius_m: c.duplicateRadiusM,
  extension: Number(c.extension), active: Number(c.active), demo: Number(c.demo), sort_order: sortOrder, updated_at: now,
});

/** SQL access to `case_categories`. */
export function createCategoryRepository(db: Db) {
  const all = db.prepare<[], CategoryRow>('SELECT * FROM case_categories ORDER BY sort_order, code');
  const one = db.prepare<[string], CategoryRow>('SELECT * FROM case_categories WHERE code = ?');
  const upsert = db.prepare(`
    INSERT INTO case_categories (code, family, major_code, major_zh, major_en, name_zh, name_en, time_limit_value, time_limit_unit,
                                 stages, department, duplicate_radius_m, extension, active, demo, sort_order, updated_at)
    VALUES (@code, @family, @major_code, @major_zh, @major_en, @name_zh, @name_en, @time_limit_value, @time_limit_unit,
            @stages, @department, @duplicate_radius_m, @extension, @active, @demo, @sort_order, @updated_at)
    ON CONFLICT (code) DO UPDATE SET
      family = excluded.family, major_code = excluded.major_code, major_zh = excluded.major_zh, major_en = excluded.major_en,
      name_zh = excluded.name_zh, name_en = excluded.name_en, time_limit_value = excluded.time_limit_value,
      time_limit_unit = excluded.time_limit_unit, stages = excluded.stages, department = excluded.department,
      duplicate_radius_m = excluded.duplicate_radius_m, extension = excluded.extension, active = excluded.active,
      demo = excluded.demo, sort_order = excluded.sort_order, updated_at = excluded.updated_at, version = case_categories.version + 1`);
  const insert = db.prepare(`
    INSERT INTO case_categories (code, family, major_code, major_zh, major_en, name_zh, name_en, time_limit_value, time_limit_unit,
                                 stages, department, duplicate_radius_m, extension, active, demo, sort_order, updated_at)
    VALUES (@code, @family, @major_code, @major_zh, @major_en, @name_zh, @name_en, @time_limit_value, @time_limit_unit,
            @stages, @department, @duplicate_radius_m, @extension, @active, @demo,
            (SELECT COALESCE(MAX(sort_order), 0) FROM case_categories WHERE major_code = @major_code), @updated_at)`);
  const majorRow = db.prepare<[string], Pick<CategoryRow, 'family' | 'major_code' | 'major_zh' | 'major_en' | 'extension'>>(
    // MIN() names the one value the class's rows share (PostgreSQL refuses ungrouped columns)
    `SELECT MIN(family) AS family, major_code, MIN(major_zh) AS major_zh, MIN(major_en) AS major_en, MAX(extension) AS extension
     FROM case_categories WHERE major_code = ? GROUP BY major_code`);
  const minorCodes = db.prepare<[string], { code: string }>('SELECT code FROM case_categories WHERE major_code = ? ORDER BY code');
  const update = db.prepare(`UPDATE case_categories SET name_zh = @name_zh, name_en = @name_en, time_limit_value = @time_limit_value,
    time_limit_unit = @time_limit_unit, department = @department, duplicate_radius_m = @duplicate_radius_m, active = @active,
    updated_at = @updated_at, version = version + 1 WHERE code = @code`);
  const codesOf = isPostgres(db) ? 'SELECT jsonb_array_elements_text(CAST(? AS jsonb))' : 'SELECT value FROM json_each(?)';
  const retireOthers = db.prepare(`UPDATE case_categories SET active = 0, updated_at = ?, version = version + 1
    WHERE active = 1 AND code NOT IN (${codesOf})`);

  return {
    /** Every category in catalogue order. */
    list: (): CaseCategory[] => all.all().map(toCategory),
    /** One category, or undefined. */
    get(code: string): CaseCategory | undefined {
      const row = one.get(code);
      return row ? toCategory(row) : undefined;
    },
    /** Stores a whole catalogue (in order); categories missing from it are kept but made inactive. */
    replaceAll(categories: readonly CategoryInput[], now: string): void {
      categories.forEach((c, i) => upsert.run(toRow(c, i, now)));
      retireOthers.run(now, JSON.stringify(categories.map((c) => c.code)));
    },
    /** Adds a category at the end of its major class (its version starts at 1). */
    insert(c: CategoryInput, now: string): void {
      insert.run(toRow(c, 0, now));
    },
    /** A major class as its stored minor classes name it, or undefined when none has it. */
    major(code: string): MajorClass | undefined {
      const row = majorRow.get(code);
      if (!row) return undefined;
      return { family: row.family, major: { code: row.major_code, name: { zh: row.major_zh, en: row.major_en } }, extension: row.extension === 1 };
    },
    /** The minor-class codes of a major class, in code order. */
    codesOf(majorCode: string): string[] {
      return minorCodes.all(majorCode).map((r) => r.code);
    },
    /** Saves the editable fields of one category and bumps its version. */
    update(c: CaseCategory, now: string): void {
      const row = toRow(c, 0, now);
      update.run({ code: row.code, name_zh: row.name_zh, name_en: row.name_en, time_limit_value: row.time_limit_value, time_limit_unit: row.time_limit_unit,
        department: row.department, duplicate_radius_m: row.duplicate_radius_m, active: row.active, updated_at: now });
    },
  };
}

/** The category repository's interface. */
export type CategoryRepository = ReturnType<typeof createCategoryRepository>;
