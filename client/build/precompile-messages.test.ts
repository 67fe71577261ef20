// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { compileMessage, MESSAGE_FILE, precompileMessageModule } from './precompile-messages';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Every file of client/src, as a path relative to it. */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The default export of a module without imports. */
const evaluate = (code: string): unknown => new Function(code.replace(/^export default /m, 'return '))();

/** `t(key, values)` of a composer holding `messages` in one locale; vue-i18n runs them as compiled or as ASTs alike. */
function translate(messages: Record<string, unknown>, key: string, values: Record<string, unknown> = {}, plural?: number): string {
  const i18n = createI18n({ legacy: false, locale: 'x', missingWarn: false, fallbackWarn: false, messages: { x: messages as Record<string, string> } });
  const t = i18n.global.t as (key: string, values: Record<string, unknown>, options?: { plural: number }) => string;
  return plural === undefined ? t(key, values) : t(key, values, { plural });
}

describe('precompiled messages', () => {
  it('turns every string value into the message compiler’s AST, leaving keys and everything else alone', () => {
    const code = [
      "import { other } from './other';",
      "const messages = { title: '上报', nested: { 'zh-CN': `模板`, greet: 'Hi {name}!' }, list: ['a'], n: 3, other };",
      'export default messages;',
    ].join('\n');
    const out = precompileMessageModule(code.replace("import { other } from './other';", 'const other = 1;'));
    const messages = evaluate(out) as Record<string, Record<string, unknown>>;
    expect(messages.title).toEqual({ t: 0, b: { t: 2, i: [{ t: 3 }], s: '上报' } });
    expect(messages.nested!['zh-CN']).toEqual(compileMessage('模板'));
    expect(messages.nested!.greet).toEqual(compileMessage('Hi {name}!'));
    expect(messages.list, 'array items are not property values').toEqual(['a']);
    expect(messages.n).toBe(3);
    expect(messages.other).toBe(1);
    expect(precompileMessageModule(code)).toContain("import { other } from './other';");
  });

  it('gives what the run-time compiler gives: placeholders, plurals, linked messages, literals', () => {
    const source = {
      hello: 'Hello {name}!',
      count: 'no cases | one case | {n} cases',
      linked: '@:hello (again)',
      at: "mail{'@'}example.org",
      zh: '已用 {used} / {limit} 工作小时（{percent}%）',
    };
    const compiled = evaluate(precompileMessageModule(`export default ${JSON.stringify(source)};`)) as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const values = { name: 'Wang', n: 5, used: 3, limit: 8, percent: 38 };
      expect(translate(compiled, key, values), key).toBe(translate(source, key, values));
    }
    expect(translate(compiled, 'count', { n: 5 }, 5)).toBe('5 cases');
    expect(translate(compiled, 'count', {}, 1)).toBe('one case');
    expect(translate(compiled, 'linked', { name: 'Li' })).toBe('Hello Li! (again)');
    expect(translate(compiled, 'at')).toBe('mail@example.org');
  });

  it('refuses a message the compiler refuses, naming the file and the key', () => {
    expect(() => precompileMessageModule("export default { contact: 'mail@example.org' };", 'x.en.ts')).toThrow(/x\.en\.ts, key contact: message "mail@example\.org"/);
  });

  it('finds the client’s message files, and every message in them compiles', () => {
    const files = sourceFiles().filter((f) => MESSAGE_FILE.test(f));
    const names = files.map((f) => path.relative(SRC, f).split(path.sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['i18n/zh-CN.ts', 'i18n/en.ts', 'i18n/cases.zh-CN.ts', 'features/tokens/messages.en.ts']));
    expect(names.filter((n) => !/(^|[./])(zh-CN|en)\.ts$/.test(n))).toEqual([]);
    expect(names.some((n) => /\.test\.ts$|index\.ts$|locale\.ts$/.test(n))).toBe(false);
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      expect(() => precompileMessageModule(source, file, 'ts'), file).not.toThrow();
    }
  });
});
