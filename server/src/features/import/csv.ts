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

/** How much of the text the delimiter detection reads (the header line is far shorter). */
const SNIFF_CHARS = 64 * 1024;

/** The delimiter used most outside quotes in the first line: comma, semicolon or tab. */
export function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>();
  for (const ch of text.slice(0, SNIFF_CHARS)) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best), ',');
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Finds the next delimiter or line end, remembering each search so the text is scanned once. */
function cellEnds(text: string, delimiter: string) {
  const next = { [delimiter]: -1, '\n': -1, '\r': -1 } as Record<string, number>;
  const find = (ch: string, from: number) => {
    if (next[ch]! < from) {
      const at = text.indexOf(ch, from);
      next[ch] = at < 0 ? Infinity : at;
    }
    return next[ch]!;
  };
  return (from: number) => Math.min(find(delimiter, from), find('\n', from), find('\r', from), text.length);
}

/**
 * The records of CSV text (without a BOM) one at a time, so a reader can stop early (RFC 4180:
 * quoted cells with doubled quotes, line breaks inside quotes, CRLF, LF or CR). Blank lines are skipped.
 * @throws Error for a quote left open at the end of the text.
 */
export function* csvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  const endOf = cellEnds(text, delimiter);
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new Error(`a quoted cell opened on line ${start} is never closed`);
          cell += text.slice(j, q);
          j = q + 1;
          if (text.charCodeAt(j) !== QUOTE) break;
          cell += '"';
          j++;
        }
        line += countLineFeeds(cell);
        i = j;
      }
      const end = endOf(i);
      cells.push(cell + text.slice(i, end));
      i = end;
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
      i++;
      line++;
      break;
    }
    if (cells.length > 1 || cells[0]!.trim() !== '') yield { line: start, cells };
  }
}

/** A CSV text without its BOM, with its delimiter. */
export function csvText(input: string): { text: string; delimiter: string } {
  const text = input.replace(/^\uFEFF/, '');
  return { text, delimiter: detectDelimiter(text) };
}

/**
 * Parses CSV text into a header and records (see `csvRecords`). A leading BOM is dropped.
 * @throws Error for a quote left open at the end of the text.
 */
export function parseCsv(input: string, delimiter?: string): CsvTable {
  const read = csvText(input);
  const [header, ...records] = csvRecords(read.text, delimiter ?? read.delimiter);
  return { delimiter: delimiter ?? read.delimiter, header: (header?.cells ?? []).map((h) => h.trim()), records };
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
