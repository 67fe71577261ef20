import type { CalendarStatusAnswer, CalendarYearAnswer, CalendarYearBody } from '@shared/calendar';
import { getJson, requestJson, type FetchLike } from '../../api/http';

export type { CalendarStatusAnswer, CalendarYearAnswer, CalendarYearBody } from '@shared/calendar';

/** `GET /api/calendar`: the years with holidays and the current/next year lacking them. */
export async function fetchCalendarStatus(fetch: FetchLike, signal?: AbortSignal): Promise<CalendarStatusAnswer> {
  const answer = await getJson<CalendarStatusAnswer>('/api/calendar', { fetch, signal, cache: 'no-store', reportAuthFailures: false });
  if (!Array.isArray(answer?.missing) || !Array.isArray(answer.years)) throw new TypeError('GET /api/calendar: not a calendar status');
  return answer;
}

/** `GET /api/calendar/{year}`: one year's holidays and make-up working days. */
export async function fetchCalendarYear(year: number, fetch: FetchLike, signal?: AbortSignal): Promise<CalendarYearAnswer> {
  const answer = await getJson<CalendarYearAnswer>(`/api/calendar/${year}`, { fetch, signal, cache: 'no-store' });
  if (!Array.isArray(answer?.holidays) || !Array.isArray(answer.workdays)) throw new TypeError(`GET /api/calendar/${year}: not a calendar year`);
  return answer;
}

/** `PUT /api/calendar/{year}` (admin): replaces the year's lists; a 400 names each bad field in its details. */
export function saveCalendarYear(year: number, body: CalendarYearBody, fetch: FetchLike): Promise<CalendarYearAnswer> {
  return requestJson<CalendarYearAnswer>(`/api/calendar/${year}`, { fetch, method: 'PUT', body, cache: 'no-store' });
}

/** A window event the page sends after a save, so the admin pages' warning checks again. */
export const CALENDAR_SAVED_EVENT = 'qingbo:calendar-saved';
