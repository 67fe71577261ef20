/** Leading characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A text cell as `guardCsvText` wrote it. */
const GUARDED = /^'[=+\-@\t\r]/;

/** Text as a CSV writer puts it into a cell: a would-be formula gets a leading `'`, anything else stays as it is. */
export const guardCsvText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** The text of a cell written by `guardCsvText` (an import reading an export back): the guard's `'` removed. */
export const unguardCsvText = (cell: string): string => (GUARDED.test(cell) ? cell.slice(1) : cell);
