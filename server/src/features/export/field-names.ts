/** The longest DBF field name, in bytes (UTF-8 here: a Chinese character takes three). */
export const DBF_NAME_BYTES = 10;

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes, never splitting a character. */
function clip(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * Shapefile field names for property names, in order: a name that fits in 10 UTF-8 bytes stays;
 * a longer one is cut to 10 bytes (`households_served` → `households`); a cut name already taken
 * gets `_2`, `_3`… in its last bytes instead (`households_total` → `househol_2`). Names compare
 * case-insensitively, as DBF readers do.
 */
export function shapefileFieldNames(properties: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const name of properties) {
    if (out.has(name)) continue;
    let short = clip(name, DBF_NAME_BYTES);
    for (let n = 2; taken.has(short.toLowerCase()); n++) short = `${clip(name, DBF_NAME_BYTES - String(n).length - 1)}_${n}`;
    taken.add(short.toLowerCase());
    out.set(name, short);
  }
  return out;
}

/** The text file that documents a shapefile's field names: one line per field, short name, property name and title, tab-separated. */
export function fieldNamesText(names: ReadonlyMap<string, string>, titles: Readonly<Record<string, string | undefined>> = {}): string {
  const lines = [...names].map(([name, short]) => [short, name, titles[name] ?? ''].join('\t'));
  return `${['field\tproperty\ttitle', ...lines].join('\r\n')}\r\n`;
}
