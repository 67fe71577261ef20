import type { LayerSchema, PropertySchema } from '@shared/layers';
import type { ImportProblem } from '@shared/import';
import { unguardCsvText } from '@shared/csv';

const TRUE = new Set(['true', '1', 'yes', 'y', 't', '是', '有', '√']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f', '否', '无', '×']);
const SLASH_DATE = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/;

/** A cell as written, or undefined when it is empty; the export's guard against spreadsheet formulas (`'=…`, `'\t…`) loses its quote. */
function cellText(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  return unguardCsvText(text);
}

/** An enum cell written as its label (四分类, "Four kinds") as the value it labels; any other text as it is. */
function enumValue(text: string, schema: PropertySchema): string {
  if (!schema.enum || schema.enum.includes(text)) return text;
  const labels = schema['x-enum-labels'] ?? {};
  const wanted = text.toLowerCase();
  const match = Object.entries(labels).find(([, label]) => label.zh === text || label.en.toLowerCase() === wanted);
  return match ? match[0] : text;
}

/** The schema key a CSV column names: the key itself, else the property whose Chinese or English title it is. */
export function columnKey(name: string, schema: LayerSchema): string {
  if (name in schema.properties) return name;
  const wanted = name.toLowerCase();
  const match = Object.entries(schema.properties).find(([, p]) => p.title === name || p['x-title-en']?.toLowerCase() === wanted);
  return match ? match[0] : name;
}

/**
 * One CSV cell as a value of its schema type: numbers (also with thousands separators),
 * booleans (true/false, 1/0, yes/no, 是/否), dates written 2011/3/15 or 2011年3月15日 as
 * 2011-03-15, enum values also by their Chinese or English label. An empty cell is `undefined` (the property is left out); a cell that does not
 * fit its type stays a string, so that the schema check reports it.
 */
export function coerceCell(raw: string, schema: PropertySchema | undefined): unknown {
  const text = cellText(raw);
  if (text === undefined || !schema) return text;
  switch (schema.type) {
    case 'number':
    case 'integer': {
      const n = Number(text.replace(/(\d),(?=\d{3}\b)/g, '$1'));
      return Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const key = text.toLowerCase();
      if (TRUE.has(key)) return true;
      if (FALSE.has(key)) return false;
      return text;
    }
    case 'string': {
      const m = schema.format === 'date' ? SLASH_DATE.exec(text) : null;
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : enumValue(text, schema);
    }
  }
  return text;
}

/**
 * A record's properties from its cells: every column except the skipped ones (coordinates,
 * geometry, id), named by its schema key or title (`columnKey`) and coerced to the layer
 * schema's types; empty cells are left out.
 */
export function recordProperties(header: readonly string[], cells: readonly string[], schema: LayerSchema, skip: ReadonlySet<number>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  header.forEach((name, i) => {
    if (skip.has(i) || name === '') return;
    const key = columnKey(name, schema);
    const value = coerceCell(cells[i] ?? '', schema.properties[key]);
    if (value !== undefined) properties[key] = value;
  });
  return properties;
}

/** Parses a coordinate cell; a problem names the column when it is not a finite number. */
export function coordinateCell(raw: string | undefined, column: string): number | ImportProblem {
  const text = raw?.trim() ?? '';
  if (text === '') return { path: column, message: `${column} is empty`, code: 'emptyValue', field: column };
  const n = Number(text);
  return Number.isFinite(n) ? n : { path: column, message: `${column} "${text}" is not a number`, code: 'notANumber', field: column, params: { text } };
}
