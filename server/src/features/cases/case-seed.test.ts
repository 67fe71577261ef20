import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config';
import { openDatabase } from '../../db/database';
import { writeFixtureDataDir } from '../../../../tests/helpers/fixture-data';
import { seedDatabase } from '../../seed/seed';
import { seedCaseCatalogue } from './case-seed';
import { createCalendarFeature } from '../calendar';
import { createCategoryRepository } from './category-repository';

const real = (name: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'data', name), 'utf8'));

function dataDir(edit?: (categories: any, calendar: any) => void): string {
  const categories = real('case-categories.json');
  const calendar = real('calendar.json');
  edit?.(categories, calendar);
  return writeFixtureDataDir((files) => {
    files['case-categories.json'] = categories;
    files['calendar.json'] = calendar;
  });
}

describe('seedCaseCatalogue', () => {
  it('stores the committed catalogue and calendar, and the cases layer', () => {
    const db = openDatabase(':memory:');
    const summary = seedDatabase(db, path.join(PROJECT_ROOT, 'data'));
    expect(summary.caseCategories).toBeGreaterThanOrEqual(40);
    const repo = createCategoryRepository(db);
    expect(repo.list()).toHaveLength(summary.caseCategories);
    expect(createCalendarFeature({ db }).file()?.holidays.map((h) => h.from)).toContain('2011-02-02');
    expect(db.prepare("SELECT json_extract(options, '$.readOnly') FROM layers WHERE id = 'cases'").pluck().get()).toBe(1);
  });

  it('is idempotent and resets an edited category', () => {
    const db = openDatabase(':memory:');
    const dir = dataDir();
    seedDatabase(db, dir);
    const snapshot = () => db.prepare('SELECT code, name_zh, time_limit_value, time_limit_unit, department, duplicate_radius_m, active FROM case_categories ORDER BY code').all();
    const first = snapshot();
    db.prepare("UPDATE case_categories SET time_limit_value = 99 WHERE code = 'E01-03'").run();
    seedCaseCatalogue(db, dir);
    expect(snapshot()).toEqual(first);
  });

  it('retires categories that left the catalogue', () => {
    const db = openDatabase(':memory:');
    seedDatabase(db, dataDir());
    seedCaseCatalogue(db, dataDir((c) => { c.majors.pop(); }));
    expect(createCategoryRepository(db).get('E06-01')?.active).toBe(false);
  });

  it('does nothing for a data folder without the files', () => {
    const db = openDatabase(':memory:');
    expect(seedDatabase(db, writeFixtureDataDir()).caseCategories).toBe(0);
    expect(db.prepare("SELECT count(*) FROM layers WHERE id = 'cases'").pluck().get()).toBe(0);
  });

  it.each([
    [(c: any) => { c.majors[0].minors[0].code = 'C02-01'; }, /case-categories\.json.*C02-01 is not a minor class of C01/],
    [(c: any) => { c.majors[0].code = 'E01'; }, /case-categories\.json.*components start with C/],
    [(c: any) => { c.majors[1].minors[0].code = 'C01-01'; c.majors[1].code = 'C01'; }, /duplicate codes: C01/],
    [(c: any) => { c.majors[0].minors[0].timeLimit.unit = 'h'; }, /case-categories\.json.*timeLimit\.unit/],
    [(c: any) => { c.majors[0].minors[0].department = 'police'; }, /case-categories\.json.*department/],
    [(_c: any, cal: any) => { cal.workingHours = [{ start: '13:30', end: '17:30' }, { start: '08:30', end: '12:00' }]; }, /calendar\.json.*ordered/],
    [(_c: any, cal: any) => { cal.holidays[0].to = '2010-12-01'; }, /calendar\.json.*from must not be after to/],
  ])('names the file and the problem (%#)', (edit, message) => {
    const db = openDatabase(':memory:');
    expect(() => seedDatabase(db, dataDir(edit))).toThrow(message);
    expect(db.prepare('SELECT count(*) FROM layers').pluck().get()).toBe(0);
  });
});
