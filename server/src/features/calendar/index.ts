export {
  calendarFile, compileCalendar, DEFAULT_CALENDAR, localInstant, localYear, type CalendarFile, type WorkingCalendar,
} from './calendar-file';
export { createCalendarFeature, type Calendar, type CalendarFeature, type LoadedCalendar } from './calendar-feature';
export { createWorkingTime, type Instant, type WorkingTime } from './working-time';
export { addShippedYears, holidayYears, replaceYear, yearOf } from './calendar-year';
export { createCalendarService, type CalendarService } from './calendar-service';
export { syncShippedCalendar } from './calendar-sync';
