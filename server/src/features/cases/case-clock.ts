import { CLOCK_STATES, CLOCK_YELLOW_FROM, type CaseClock, type ClockColour } from '@shared/cases';
import type { WorkingTime } from '../calendar';
import type { CaseRecord } from './case-repository';

/**
 * Clock colour of a limit: green below `CLOCK_YELLOW_FROM` (80 %) of it, yellow from there up to the
 * deadline, red once the deadline has passed.
 */
export function clockColour(elapsedMinutes: number, limitMinutes: number, pastDeadline: boolean): ClockColour {
  if (pastDeadline) return 'red';
  if (limitMinutes <= 0) return elapsedMinutes > 0 ? 'red' : 'green';
  return elapsedMinutes / limitMinutes < CLOCK_YELLOW_FROM ? 'green' : 'yellow';
}

/**
 * A case's handling clock: it starts at dispatch, runs while the case is
 * dispatched or handling, and stops at the (last) feedback. Null before dispatch
 * and for cases voided or rejected.
 */
export function caseClock(c: Pick<CaseRecord, 'state' | 'dispatchedAt' | 'feedbackAt' | 'deadline'>, now: Date, time: WorkingTime): CaseClock | null {
  if (!c.deadline || !c.dispatchedAt) return null;
  const running = CLOCK_STATES.includes(c.state);
  const stoppedAt = (c.state === 'feedback' || c.state === 'closed') ? c.feedbackAt : null;
  if (!running && !stoppedAt) return null;
  const end = running ? now.getTime() : Date.parse(stoppedAt!);
  const elapsedMinutes = Math.round(time.workingElapsed(c.dispatchedAt, new Date(end)));
  const limitMinutes = Math.round(time.workingElapsed(c.dispatchedAt, c.deadline));
  return { colour: clockColour(elapsedMinutes, limitMinutes, end > Date.parse(c.deadline)), elapsedMinutes, limitMinutes, deadline: c.deadline, running };
}

/** Whether a case's running clock has passed its deadline. */
export function isOverdue(c: Pick<CaseRecord, 'state' | 'deadline'>, now: Date): boolean {
  return CLOCK_STATES.includes(c.state) && c.deadline !== null && Date.parse(c.deadline) < now.getTime();
}
