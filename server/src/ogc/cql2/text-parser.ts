import { tokenize, type Token } from './lexer';
import { Budget, filterError, type RawNode } from './raw';
import { readWkt, WKT_TYPES } from './wkt';

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'ILIKE', 'IN', 'BETWEEN', 'IS', 'NULL']);

/** A recursive-descent reader of CQL2 text; the budget refuses a filter past a limit before more work. */
export class TextParser {
  private pos = 0;
  private readonly tokens: Token[];

  constructor(text: string, private readonly budget: Budget = new Budget()) {
    this.tokens = tokenize(text);
  }

  /** The whole filter as one boolean expression. */
  parse(): RawNode {
    const node = this.orExpr(1);
    if (this.peek().type !== 'end') throw this.unexpected();
    return node;
  }

  /** The next token. */
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  /** Consumes and returns the next token. */
  next(): Token {
    const t = this.peek();
    if (t.type !== 'end') this.pos += 1;
    return t;
  }

  /** True (and consumed) when the next token is the keyword `word`. */
  accept(word: string): boolean {
    const t = this.peek();
    if ((t.type === 'ident' && t.upper === word) || (t.type === 'punct' && t.value === word)) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  /** Consumes the keyword or punctuation `word`, else a 400. */
  expect(word: string): void {
    if (!this.accept(word)) throw this.unexpected(`"${word}"`);
  }

  /** A 400 naming the token at hand. */
  unexpected(wanted?: string): Error {
    const t = this.peek();
    const what = t.type === 'end' ? 'the end of the filter' : `"${'value' in t ? String(t.value).slice(0, 40) : ''}" at character ${t.at + 1}`;
    return filterError(`unexpected ${what}${wanted ? `; expected ${wanted}` : ''}`);
  }

  /** A number token, else a 400. */
  number(): number {
    const t = this.peek();
    if (t.type !== 'number') throw this.unexpected('a number');
    this.pos += 1;
    return t.value;
  }

  private isOpen(offset: number): boolean {
    const t = this.peek(offset);
    return t.type === 'punct' && t.value === '(';
  }

  private op(op: string, args: RawNode[]): RawNode {
    this.budget.node();
    return { kind: 'op', op, args };
  }

  private orExpr(depth: number): RawNode {
    this.budget.depth(depth);
    const args = [this.andExpr(depth)];
    while (this.accept('OR')) args.push(this.andExpr(depth));
    return args.length === 1 ? args[0]! : this.op('or', args);
  }

  private andExpr(depth: number): RawNode {
    const args = [this.factor(depth)];
    while (this.accept('AND')) args.push(this.factor(depth));
    return args.length === 1 ? args[0]! : this.op('and', args);
  }

  private factor(depth: number): RawNode {
    if (this.accept('NOT')) {
      this.budget.depth(depth + 1);
      return this.op('not', [this.factor(depth + 1)]);
    }
    if (this.accept('(')) {
      const inner = this.orExpr(depth + 1);
      this.expect(')');
      return inner;
    }
    return this.predicate(depth);
  }

  private predicate(depth: number): RawNode {
    const t = this.peek();
    if (t.type === 'ident' && /^[ST]_[A-Z]+$/.test(t.upper) && this.isOpen(1)) {
      this.next();
      this.expect('(');
      const args = [this.spatialOrTemporal(depth + 1)];
      this.expect(',');
      args.push(this.spatialOrTemporal(depth + 1));
      this.expect(')');
      return this.op(t.upper.toLowerCase(), args);
    }
    const left = this.scalar(depth);
    const negated = this.accept('NOT');
    const like = this.accept('LIKE') ? 'like' : this.accept('ILIKE') ? 'ilike' : null;
    if (like) return this.negate(negated, this.op(like, [left, this.scalar(depth)]));
    if (this.accept('IN')) {
      this.budget.depth(depth + 1);
      this.expect('(');
      const items = [this.scalar(depth + 1)];
      while (this.accept(',')) items.push(this.scalar(depth + 1));
      this.expect(')');
      this.budget.node();
      return this.negate(negated, this.op('in', [left, { kind: 'list', items }]));
    }
    if (this.accept('BETWEEN')) {
      const low = this.scalar(depth);
      this.expect('AND');
      return this.negate(negated, this.op('between', [left, low, this.scalar(depth)]));
    }
    if (negated) throw this.unexpected('LIKE, IN or BETWEEN after NOT');
    if (this.accept('IS')) {
      const not = this.accept('NOT');
      this.expect('NULL');
      return this.negate(not, this.op('isNull', [left]));
    }
    const cmp = this.peek();
    if (cmp.type === 'punct' && COMPARISONS.has(cmp.value)) {
      this.next();
      return this.op(cmp.value, [left, this.scalar(depth)]);
    }
    if (left.kind === 'literal' && typeof left.value === 'boolean') return left;
    throw this.unexpected('a comparison, LIKE, IN, BETWEEN or IS NULL');
  }

  private negate(negated: boolean, node: RawNode): RawNode {
    return negated ? this.op('not', [node]) : node;
  }

  private call(depth: number, read: () => RawNode): RawNode {
    this.budget.depth(depth + 1);
    this.expect('(');
    const node = read();
    this.expect(')');
    return node;
  }

  private scalar(depth: number): RawNode {
    this.budget.node();
    const t = this.peek();
    if (t.type === 'end') throw this.unexpected('a property or a literal');
    this.pos += 1;
    if (t.type === 'string') return { kind: 'literal', value: t.value };
    if (t.type === 'number') return { kind: 'literal', value: t.value };
    if (t.type === 'quoted') return { kind: 'property', name: t.value };
    if (t.type !== 'ident') {
      this.pos -= 1;
      throw this.unexpected('a property or a literal');
    }
    if (t.upper === 'TRUE' || t.upper === 'FALSE') return { kind: 'literal', value: t.upper === 'TRUE' };
    if ((t.upper === 'DATE' || t.upper === 'TIMESTAMP') && this.isOpen(0)) {
      return this.call(depth, () => {
        const s = this.next();
        if (s.type !== 'string') throw filterError(`${t.upper}() takes a quoted string`);
        return { kind: t.upper === 'DATE' ? 'date' : 'timestamp', value: s.value };
      });
    }
    if (this.isOpen(0)) {
      throw filterError(`function ${t.value.slice(0, 40)}() is not supported`);
    }
    if (KEYWORDS.has(t.upper)) {
      this.pos -= 1;
      throw this.unexpected('a property or a literal');
    }
    return { kind: 'property', name: t.value };
  }

  private spatialOrTemporal(depth: number): RawNode {
    const t = this.peek();
    if (t.type === 'ident' && WKT_TYPES.has(t.upper)) {
      this.budget.node();
      return { kind: 'geometry', geometry: readWkt(this, this.budget, depth) };
    }
    if (t.type === 'ident' && (t.upper === 'BBOX' || t.upper === 'ENVELOPE')) {
      this.next();
      this.budget.node();
      return this.call(depth, () => {
        const bbox = [this.number()];
        while (this.accept(',')) bbox.push(this.number());
        return { kind: 'bbox', bbox };
      });
    }
    if (t.type === 'ident' && t.upper === 'INTERVAL') {
      this.next();
      this.budget.node();
      return this.call(depth, () => {
        const start = this.scalar(depth + 1);
        this.expect(',');
        return { kind: 'interval', start, end: this.scalar(depth + 1) };
      });
    }
    return this.scalar(depth);
  }
}
