import type { ThresholdStatus } from '@shared/overview';

/** A figure against its plan: reached (good), at least 80 % of it (warn), or less (bad). */
export function planStatus(attainmentPct: number | null): ThresholdStatus {
  if (attainmentPct === null) return 'none';
  return attainmentPct >= 100 ? 'good' : attainmentPct >= 80 ? 'warn' : 'bad';
}

/** A figure against last year: grown (good), shrunk by up to 5 % (warn), or more (bad). */
export function growthStatus(growthPct: number | null): ThresholdStatus {
  if (growthPct === null) return 'none';
  return growthPct >= 0 ? 'good' : growthPct >= -5 ? 'warn' : 'bad';
}

/**
 * A rate against the figures digital city-management systems report: mature cities close ≈ 99.9 %
 * and a new system's first months reach ≈ 76 % on time, so closure is good from 95 %,
 * on-time closure from 90 % (warn from 76 %), rework good up to 2 % (warn up to 5 %).
 */
export function rateStatus(kind: 'closureRate' | 'onTimeClosureRate' | 'reworkRate', rate: number | null): ThresholdStatus {
  if (rate === null) return 'none';
  switch (kind) {
    case 'closureRate': return rate >= 0.95 ? 'good' : rate >= 0.85 ? 'warn' : 'bad';
    case 'onTimeClosureRate': return rate >= 0.9 ? 'good' : rate >= 0.76 ? 'warn' : 'bad';
    case 'reworkRate': return rate <= 0.02 ? 'good' : rate <= 0.05 ? 'warn' : 'bad';
  }
}

/** Overdue cases now: none (good), a few (warn, up to 5), more (bad). */
export const overdueStatus = (n: number): ThresholdStatus => (n === 0 ? 'good' : n <= 5 ? 'warn' : 'bad');
