/** One readable line of an audit summary; values are plain text, never markup. */
export type SummaryLine =
  | { kind: 'after' | 'before'; key: string; value: string }
  | { kind: 'changed'; key: string; before: string; after: string }
  | { kind: 'geometry'; type: string }
  | { kind: 'geometryChanged' }
  | { kind: 'other'; key: string; value: string };

/** Longest value shown in full; longer ones are cut with an ellipsis. */
export const MAX_VALUE_LENGTH = 160;

/** How summary keys and values are named; e.g. with a layer's schema titles, enum labels and units. */
export interface SummaryFormat {
  /** Shown for a missing or empty value. */
  empty: string;
  /** A property's display name. */
  key(key: string): string;
  /** A property's value as text, `undefined` for "as is". */
  value(key: string, value: unknown): string | undefined;
}

/** Keys and values as the server sent them. */
export const RAW_FORMAT: SummaryFormat = { empty: '∅', key: (key) => key, value: () => undefined };

/** A property value as short plain text: strings as they are, `null`/absent as `emptyText`, the rest as JSON. */
export function formatValue(value: unknown, emptyText = '∅'): string {
  if (value === null || value === undefined || value === '') return emptyText;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns the server's before/after summary into lines: `after` (a creation's properties),
 * `before` (a deletion's), `changed` ({ key: [before, after] }), the geometry, and anything else as is.
 */
export function summaryLines(summary: Record<string, unknown>, format: Partial<SummaryFormat> = {}): SummaryLine[] {
  const { empty, key: name, value: named } = { ...RAW_FORMAT, ...format };
  const text = (key: string, value: unknown) => formatValue(named(key, value) ?? value, empty);
  const lines: SummaryLine[] = [];
  for (const [part, content] of Object.entries(summary)) {
    if ((part === 'after' || part === 'before') && isRecord(content)) {
      for (const [key, value] of Object.entries(content)) lines.push({ kind: part, key: name(key), value: text(key, value) });
    } else if (part === 'changed' && isRecord(content)) {
      for (const [key, pair] of Object.entries(content)) {
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        lines.push({ kind: 'changed', key: name(key), before: text(key, before), after: text(key, after) });
      }
    } else if (part === 'geometry' && typeof content === 'string') {
      lines.push({ kind: 'geometry', type: content });
    } else if (part === 'geometryChanged') {
      if (content === true) lines.push({ kind: 'geometryChanged' });
    } else {
      lines.push({ kind: 'other', key: part, value: formatValue(content, empty) });
    }
  }
  return lines;
}

/** The layer id of a `feature:{layerId}` entity, if it is one. */
export function featureLayerOf(entity: string): string | undefined {
  return entity.startsWith('feature:') ? entity.slice('feature:'.length) : undefined;
}
