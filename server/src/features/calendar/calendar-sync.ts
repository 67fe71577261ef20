import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database';
import { calendarFile } from './calendar-file';
import { createCalendarFeature } from './calendar-feature';

/**
 * Start-up sync of an existing database with `data/calendar.json`: the years the file has and the
 * stored calendar lacks (no entries, never saved by an admin) are added; every other year stays as
 * stored, an admin's edits included. Returns the years added (none when the file is absent).
 */
export function syncShippedCalendar(db: Db, dataDir: string, now = new Date()): number[] {
  const file = path.join(dataDir, 'calendar.json');
  if (!fs.existsSync(file)) return [];
  const shipped = calendarFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return createCalendarFeature({ db }).addShippedYears(shipped, now);
}
