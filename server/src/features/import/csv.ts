/** A CSV record with the line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A parsed CSV table. */
export interface CsvTable {
  delimiter: string;
  header: string[];
  records: CsvRecord[];
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most outside quotes in the first line: comma, semicolon or tab. */
export function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best), ',');
}

/**
 * Parses CSV text (RFC 4180: quoted cells with doubled quotes, line breaks inside quotes,
 * CRLF or LF) into a header and records. A leading BOM is dropped; blank lines are skipped.
 * @throws Error for a quote left open at the end of the text.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(input.replace(/^\uFEFF/, ''))): CsvTable {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) { cells.push(cell); cell = ''; }
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new Error(`a quoted cell opened on line ${start} is never closed`);
  if (cell !== '' || cells.length > 0) endRecord();
  const [header, ...records] = rows;
  return { delimiter, header: (header?.cells ?? []).map((h) => h.trim()), records };
}

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', '经度'];
const LAT_NAMES = ['lat', 'latitude', 'y', '纬度'];

/** Header names that hold longitude and latitude (case and spaces ignored). */
export const COORDINATE_COLUMNS = { lon: LON_NAMES, lat: LAT_NAMES } as const;

/** Positions of the longitude, latitude and GeoJSON `geometry` columns of a header (-1 when absent). */
export function detectColumns(header: readonly string[]): { lon: number; lat: number; geometry: number } {
  const names = header.map((h) => h.trim().toLowerCase());
  return {
    lon: names.findIndex((n) => LON_NAMES.includes(n)),
    lat: names.findIndex((n) => LAT_NAMES.includes(n)),
    geometry: names.indexOf('geometry'),
  };
}
