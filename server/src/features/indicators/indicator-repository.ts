import type { Db } from '../../db/database';
import type { Indicator } from '@shared/indicators';

interface IndicatorRow {
  year: number;
  key: string;
  title_zh: string;
  title_en: string;
  value: number;
  plan: number | null;
  growth_pct: number | null;
  attainment_pct: number | null;
  unit: string;
  indicator_group: string;
}

/** SQL access to the `indicators` table (the report's figures). */
export function createIndicatorRepository(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO indicators (year, key, title_zh, title_en, value, plan, growth_pct, attainment_pct, unit, indicator_group)
    VALUES (@year, @key, @title_zh, @title_en, @value, @plan, @growth_pct, @attainment_pct, @unit, @indicator_group)
    ON CONFLICT (year, key) DO UPDATE SET title_zh = excluded.title_zh, title_en = excluded.title_en,
      value = excluded.value, plan = excluded.plan, growth_pct = excluded.growth_pct, attainment_pct = excluded.attainment_pct,
      unit = excluded.unit, indicator_group = excluded.indicator_group`);
  const deleteYear = db.prepare('DELETE FROM indicators WHERE year = ?');
  const select = db.prepare<[number | null, number | null], IndicatorRow>(
    // the cast gives PostgreSQL the parameter's type (alone, `$1 IS NULL` has none)
    'SELECT * FROM indicators WHERE (CAST(? AS integer) IS NULL OR year = ?) ORDER BY year, indicator_group, key',
  );

  return {
    /** Replaces all indicators of the given years with the given list. */
    replaceYears(indicators: Indicator[]): void {
      for (const year of new Set(indicators.map((i) => i.year))) deleteYear.run(year);
      for (const i of indicators) {
        upsert.run({
          year: i.year, key: i.key, title_zh: i.title.zh, title_en: i.title.en, value: i.value,
          plan: i.plan ?? null, growth_pct: i.growth_pct ?? null, attainment_pct: i.attainment_pct ?? null, unit: i.unit, indicator_group: i.group,
        });
      }
    },
    /** Indicators of one year, or of all years. */
    list(year?: number): Indicator[] {
      const y = year ?? null;
      return select.all(y, y).map((r) => ({
        year: r.year, key: r.key, title: { zh: r.title_zh, en: r.title_en }, value: r.value,
        plan: r.plan, growth_pct: r.growth_pct, attainment_pct: r.attainment_pct, unit: r.unit, group: r.indicator_group,
      }));
    },
  };
}

/** The indicator repository's interface. */
export type IndicatorRepository = ReturnType<typeof createIndicatorRepository>;
