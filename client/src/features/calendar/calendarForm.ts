import type { CalendarYearAnswer, CalendarYearBody } from '@shared/calendar';

/** A holiday period as the form edits it. */
export interface HolidayRow {
  zh: string;
  en: string;
  from: string;
  to: string;
}

/** A make-up working day as the form edits it. */
export interface WorkdayRow {
  zh: string;
  en: string;
  date: string;
}

/** The form's state of one year. */
export interface YearForm {
  holidays: HolidayRow[];
  workdays: WorkdayRow[];
}

/** The form of a year as the server gave it (an English name equal to the Chinese one shows empty). */
export function formOf(answer: Pick<CalendarYearAnswer, 'holidays' | 'workdays'>): YearForm {
  const en = (n: { zh: string; en: string }) => (n.en === n.zh ? '' : n.en);
  return {
    holidays: answer.holidays.map((h) => ({ zh: h.name.zh, en: en(h.name), from: h.from, to: h.to })),
    workdays: answer.workdays.map((w) => ({ zh: w.name.zh, en: en(w.name), date: w.date })),
  };
}

/** The `PUT` body of a form: names trimmed, an empty English name left out (the server uses the Chinese one). */
export function bodyOf(form: YearForm): CalendarYearBody {
  const name = (zh: string, en: string) => ({ zh: zh.trim(), ...(en.trim() ? { en: en.trim() } : {}) });
  return {
    holidays: form.holidays.map((h) => ({ name: name(h.zh, h.en), from: h.from, to: h.to })),
    workdays: form.workdays.map((w) => ({ name: name(w.zh, w.en), date: w.date })),
  };
}

/** The years the picker offers: last year to the year after next, and every year that has holidays. */
export function yearChoices(currentYear: number, years: readonly number[]): number[] {
  const around = [currentYear - 1, currentYear, currentYear + 1, currentYear + 2];
  return [...new Set([...around, ...years])].sort((a, b) => b - a);
}

/** The row a server's field path (`holidays.2.to`) names, for marking it: list, index, field. */
export function rowOfField(field: string): { list: 'holidays' | 'workdays'; index: number; field: string } | undefined {
  const m = /^(holidays|workdays)\.(\d+)\.?(.*)$/.exec(field);
  return m ? { list: m[1] as 'holidays' | 'workdays', index: Number(m[2]), field: m[3] ?? '' } : undefined;
}
