// @vitest-environment node
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeShakeVueUnderVueI18n } from './vue-i18n-tree-shaking';

const require = createRequire(import.meta.url);
const VUE_I18N = path.join(path.dirname(require.resolve('vue-i18n/package.json')), 'dist', 'vue-i18n.mjs');

type Handler = (this: { error(message: string): never }, code: string, id: string) => { code: string } | null;
type Start = (this: { error(message: string): never }) => Promise<void>;
const context = { error: (message: string): never => { throw new Error(message); } };
const plugin = treeShakeVueUnderVueI18n();
const transform = (code: string, id: string) => ((plugin.transform as { handler: Handler }).handler).call(context, code, id);

describe('vue-i18n without its probe of the whole vue namespace', () => {
  it('rewrites the installed vue-i18n’s `in` probe into a static read of getCurrentInstance', () => {
    const code = fs.readFileSync(VUE_I18N, 'utf8');
    expect(code).toContain('if (key in Vue)');
    const out = transform(code, VUE_I18N)!.code;
    expect(out).not.toContain('in Vue');
    expect(out).toContain('return Vue.getCurrentInstance();');
    expect(out.length).toBeLessThan(code.length);
  });

  it('fails the build when the probe is not there (another vue-i18n)', () => {
    expect(() => transform('export const x = 1;', VUE_I18N)).toThrow(/namespace probe was not found/);
  });

  it('lets the build go on with a Vue that has no `currentInstance` export (3.5)', async () => {
    await expect((plugin.buildStart as Start).call(context)).resolves.toBeUndefined();
  });
});
