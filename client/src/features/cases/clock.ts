import { CLOCK_YELLOW_FROM } from '@shared/cases/constants';
import type { CaseClock, ClockColour } from './types';

/** Share of the time limit from which a clock turns yellow: the server's `CLOCK_YELLOW_FROM`. */
export const YELLOW_FROM = CLOCK_YELLOW_FROM;

/**
 * The colour of a deadline clock: green below 80 % of its limit, yellow from 80 % up to the
 * deadline, red past it. A running clock turns red as soon as `now` passes the deadline,
 * even if the server counted it before.
 */
export function clockColour(clock: Pick<CaseClock, 'elapsedMinutes' | 'limitMinutes' | 'deadline' | 'running'>, now: Date = new Date()): ClockColour {
  const deadline = Date.parse(clock.deadline);
  if (clock.running && Number.isFinite(deadline) && now.getTime() > deadline) return 'red';
  if (clock.limitMinutes <= 0) return clock.elapsedMinutes > 0 ? 'red' : 'green';
  const share = clock.elapsedMinutes / clock.limitMinutes;
  if (share > 1) return 'red';
  return share < YELLOW_FROM ? 'green' : 'yellow';
}

/** A clock as the UI shows it. */
export interface ClockView {
  colour: ClockColour;
  /** Used share of the limit, 0–1 (capped), for a progress bar. */
  share: number;
  /** Whole percent of the limit used (may exceed 100). */
  percent: number;
  /** Working hours used and allowed, one decimal. */
  elapsedHours: number;
  limitHours: number;
  running: boolean;
  deadline: string;
}

/** The view of a clock, or null for a case without one (not dispatched yet, rejected, void). */
export function clockView(clock: CaseClock | null | undefined, now: Date = new Date()): ClockView | null {
  if (!clock) return null;
  const ratio = clock.limitMinutes > 0 ? clock.elapsedMinutes / clock.limitMinutes : clock.elapsedMinutes > 0 ? 1 : 0;
  const hours = (minutes: number) => Math.round(minutes / 6) / 10;
  return {
    colour: clockColour(clock, now),
    share: Math.max(0, Math.min(1, ratio)),
    percent: Math.round(ratio * 100),
    elapsedHours: hours(clock.elapsedMinutes),
    limitHours: hours(clock.limitMinutes),
    running: clock.running,
    deadline: clock.deadline,
  };
}
