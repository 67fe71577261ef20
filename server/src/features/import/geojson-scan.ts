import type { Slicer } from './slicer';

/** Where the elements of a FeatureCollection's `features` array lie in its text, found without parsing them. */
export interface FeatureSpans {
  /** The text without the contents of the `features` array (the whole text when there is none). */
  skeleton: string;
  /** `[start, end)` of each element of the array, in order. */
  spans: [number, number][];
}

/** Why a scan stopped early. */
export type ScanStop = { kind: 'too_many'; count: number } | { kind: 'too_long'; index: number; chars: number };

const CHUNK = 256 * 1024;
const [QUOTE, BACKSLASH, COMMA, COLON, OPEN_OBJ, CLOSE_OBJ, OPEN_ARR, CLOSE_ARR] = [34, 92, 44, 58, 123, 125, 91, 93];

/**
 * Scans JSON text for the top-level `features` array of its root object: one pass over the
 * characters (strings and nesting tracked, nothing built), yielding between chunks. Stops as
 * soon as the array has more than `maxFeatures` elements or one element is longer than
 * `maxFeatureChars`; malformed JSON is left for `JSON.parse` to report.
 */
export async function scanFeatures(text: string, limits: { maxFeatures: number; maxFeatureChars: number }, slicer: Slicer): Promise<FeatureSpans | ScanStop> {
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastKey = '';
  let afterColon = false;
  let array: { open: number; close: number; spans: [number, number][] } | undefined;
  let current: { open: number; spans: [number, number][]; start: number } | undefined;

  const endElement = (end: number): ScanStop | undefined => {
    const c = current!;
    if (text.slice(c.start, end).trim() === '') return undefined;
    if (end - c.start > limits.maxFeatureChars) return { kind: 'too_long', index: c.spans.length, chars: end - c.start };
    c.spans.push([c.start, end]);
    return c.spans.length > limits.maxFeatures ? { kind: 'too_many', count: c.spans.length } : undefined;
  };

  for (let from = 0; from < text.length; from += CHUNK) {
    const to = Math.min(text.length, from + CHUNK);
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 1) lastKey = text.slice(stringStart, i);
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        stringStart = i + 1;
        afterColon = false;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        depth++;
        if (c === OPEN_ARR && depth === 2 && afterColon && lastKey === 'features') current = { open: i + 1, spans: [], start: i + 1 };
        afterColon = false;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (depth === 2 && c === CLOSE_ARR && current) {
          const stop = endElement(i);
          if (stop) return stop;
          array = { open: current.open, close: i, spans: current.spans };
          current = undefined;
        }
        depth--;
      } else if (c === COMMA && depth === 2 && current) {
        const stop = endElement(i);
        if (stop) return stop;
        current.start = i + 1;
      } else if (c === COLON && depth === 1) afterColon = true;
    }
    await slicer.pause();
  }
  if (!array) return { skeleton: text, spans: [] };
  return { skeleton: text.slice(0, array.open) + text.slice(array.close), spans: array.spans };
}
