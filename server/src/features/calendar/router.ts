import { Router } from 'express';
import { CALENDAR_YEARS, calendarYearBody } from '@shared/calendar';
import { BadRequestError } from '../../errors';
import { parseBody } from '../../validation';
import type { CalendarService } from './calendar-service';

function yearParam(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max)) {
    throw new BadRequestError(`year must be a year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`, [{ field: 'year', message: 'not a year' }]);
  }
  return year;
}

/** `/api/calendar`: which years have holidays, one year's lists, and an admin's edit of them. */
export function createCalendarRouter(service: CalendarService): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(service.status());
  });
  router.get('/:year', (req, res) => {
    res.json(service.year(yearParam(req.params.year)));
  });
  router.put('/:year', (req, res) => {
    const year = yearParam(req.params.year);
    res.json(service.put(year, parseBody(calendarYearBody, req.body), req.user!));
  });
  return router;
}
