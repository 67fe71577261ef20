import type { Department } from '@shared/cases';

/** Registered cases of Qingbo Street in 2011 (the work report): every one closed. */
export const DEMO_REGISTERED = 2734;
/** Reports rejected at registration (≈ 5 % of all reports; not counted as registered). */
export const DEMO_REJECTED = 144;
/** The demo year. */
export const DEMO_YEAR = 2011;
/** Seed of the generator: change it and the whole history changes. */
export const DEMO_SEED = 20111231;
/** Share of cases whose department feeds back after the deadline (besides reworked ones). */
export const LATE_SHARE = 0.06;
/** Share of cases sent back once at verification. */
export const REWORK_SHARE = 0.015;
/** Share of cases postponed once by the command centre. */
export const POSTPONE_SHARE = 0.025;

/** Relative case load per month: fewer in winter and around Spring Festival, more in summer. */
export const MONTH_WEIGHTS = [0.8, 0.55, 0.85, 0.95, 1.05, 1.15, 1.3, 1.3, 1.1, 0.9, 0.9, 0.85] as const;

/** Days around a holiday with less patrolling (the weeks around Spring Festival). */
export const QUIET_DAYS = { from: '2011-01-24', to: '2011-02-16', factor: 0.6 } as const;

/** Relative frequency of each category (per mille; unlisted active categories get 1). */
export const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'E01-02': 190, 'E02-01': 170, 'E04-01': 150, 'E04-03': 130, 'E01-03': 120,
  'E04-02': 60, 'E01-06': 25, 'E01-07': 20, 'E03-02': 15, 'E01-05': 12, 'E03-01': 10, 'E03-03': 10,
  'C03-02': 10, 'C01-08': 10, 'E01-04': 8, 'E02-02': 8, 'C02-06': 8, 'E01-01': 6, 'C03-04': 6,
  'C02-03': 5, 'C04-02': 5, 'C04-03': 4, 'C07-01': 4, 'C07-03': 4, 'C03-03': 3, 'C03-01': 3,
  'C01-01': 2, 'C01-02': 2, 'C01-03': 2, 'C01-04': 2, 'C01-05': 2, 'C01-06': 2,
  'E05-01': 1, 'E05-03': 1, 'E05-02': 0.5, 'E05-04': 0.5,
};

/** Seasonal factors per category and month (1-based): rain in the plum season, trees in the typhoon season. */
export const SEASONAL: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  'E01-04': { 6: 4, 7: 3, 8: 2 },
  'E05-03': { 6: 5, 7: 4, 8: 3 },
  'C04-02': { 8: 3, 9: 2 },
  'E04-01': { 6: 1.3, 7: 1.4, 8: 1.4 },
  'E01-07': { 3: 1.5, 4: 1.5, 10: 1.3 },
};

/** Relative case load per community (the Hefang Street quarter draws vendors and small ads). */
export const COMMUNITY_WEIGHTS: Readonly<Record<string, number>> = {
  '330102001051': 0.9, '330102001052': 1.0, '330102001053': 1.0, '330102001055': 1.5, '330102001057': 1.0,
};

/** What handlers write when they report back. */
export const FEEDBACK_NOTES: Readonly<Record<Department, readonly string[]>> = {
  sanitation: ['已清理完毕', '已安排保洁员清扫', '垃圾已清运', '已清除小广告并保洁'],
  municipal: ['已修复', '已更换损坏部件', '已排除故障', '已设置警示并修复'],
  greening: ['已修剪', '已清理绿地', '已补种并养护', '已扶正加固'],
  enforcement: ['已劝离', '已责令整改', '已依法处理', '已清理占道物品'],
};

/** Why reports are not registered. */
export const REJECT_REASONS = ['重复上报', '不属于城管受理范围', '经核实问题不存在', '不在本街道辖区'] as const;
/** Why verification sends a case back. */
export const REWORK_NOTES = ['复查未通过：仍有残留', '复查未通过：整改不到位', '复查未通过：问题反复'] as const;
/** Why the command centre postpones. */
export const POSTPONE_REASONS = ['需协调产权单位', '等待配件到货', '涉及多部门，需联合处置', '天气原因无法施工'] as const;
