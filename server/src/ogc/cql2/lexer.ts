import { filterError } from './raw';

/** A token of CQL2 text. */
export type Token =
  | { type: 'ident'; value: string; upper: string; at: number }
  | { type: 'quoted'; value: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'punct'; value: string; at: number }
  | { type: 'end'; at: number };

const NUMBER = /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const IDENT = /[\p{L}_:][\p{L}\p{N}_.:]*/uy;
const PUNCT = /<>|<=|>=|[=<>(),]/y;

/** Splits CQL2 text into tokens; the text is already bounded in length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const match = (re: RegExp) => {
    re.lastIndex = i;
    return re.exec(text);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw filterError(`unterminated ${c === "'" ? 'string' : 'quoted name'} at character ${i + 1}`);
        if (text[j] === c) {
          if (text[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      tokens.push(c === "'" ? { type: 'string', value, at: i } : { type: 'quoted', value, at: i });
      i = j + 1;
      continue;
    }
    const prev = tokens[tokens.length - 1];
    // a sign belongs to a number unless it follows an operand (no arithmetic in this CQL2 level)
    const signAllowed = !(prev && (prev.type === 'number' || prev.type === 'string' || prev.type === 'quoted' || (prev.type === 'punct' && prev.value === ')')));
    const num = (signAllowed || (c !== '+' && c !== '-')) ? match(NUMBER) : null;
    if (num) {
      tokens.push({ type: 'number', value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const ident = match(IDENT);
    if (ident) {
      tokens.push({ type: 'ident', value: ident[0], upper: ident[0].toUpperCase(), at: i });
      i += ident[0].length;
      continue;
    }
    const punct = match(PUNCT);
    if (punct) {
      tokens.push({ type: 'punct', value: punct[0], at: i });
      i += punct[0].length;
      continue;
    }
    throw filterError(`unexpected character ${JSON.stringify(c)} at character ${i + 1}`);
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
}
