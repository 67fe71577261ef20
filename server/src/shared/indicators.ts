import { z } from 'zod';

/** One figure of a work report, as in data/indicators.json and `GET /api/indicators`. */
export const indicatorSchema = z.object({
  year: z.number().int().min(1949).max(2100),
  key: z.string().regex(/^[a-z0-9_]+$/),
  title: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  value: z.number(),
  /** The annual plan; for a 2011 figure derived from the stated percentage (the report states no plan). */
  plan: z.number().nullable().optional(),
  growth_pct: z.number().nullable().optional(),
  /** The completion of the plan in %, as the report states it ("完成年度计划336.36%"); shown instead of value ÷ plan. */
  attainment_pct: z.number().nullable().optional(),
  unit: z.string(),
  group: z.string().min(1),
});

/** A report figure. */
export type Indicator = z.infer<typeof indicatorSchema>;

/** `GET /api/indicators`: the work report's figures. */
export interface IndicatorsAnswer {
  indicators: Indicator[];
}
