import { CLOCK_STATES, type CaseClock } from '@shared/cases';
import { compileCalendar, DEFAULT_CALENDAR, type CalendarFile } from './calendar';
import type { CaseRecord } from './case-repository';
import type { CategoryRepository } from './category-repository';
import { clockColour, createWorkingTime, type WorkingTime } from './working-time';

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

const compiled = new WeakMap<CalendarFile, { time: WorkingTime; offsetMinutes: number }>();

/** The working calendar in force: the seeded one, or office hours without holidays. */
export function loadCalendar(categories: Pick<CategoryRepository, 'calendar'>): { time: WorkingTime; offsetMinutes: number } {
  const file = categories.calendar() ?? DEFAULT_CALENDAR;
  let loaded = compiled.get(file);
  if (!loaded) {
    loaded = { time: createWorkingTime(compileCalendar(file)), offsetMinutes: file.utcOffsetMinutes };
    compiled.set(file, loaded);
  }
  return loaded;
}
