import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { ImportProblem } from '@shared/import';
import type { LayerSchema } from '@shared/layers';
import { importProblemsEn } from './messages.en';
import { importProblemsZhCN } from './messages.zh-CN';
import { noteText, problemText } from './problems';

const schema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', title: '名称', 'x-title-en': 'Name' },
    status: { type: 'string', title: '状态', 'x-title-en': 'Status', enum: ['planned', 'completed'], 'x-enum-labels': { planned: { zh: '规划', en: 'Planned' }, completed: { zh: '完工', en: 'Completed' } } },
    households: { type: 'integer', title: '户数', 'x-title-en': 'Households', minimum: 0 },
  },
} as unknown as LayerSchema;

function translator(locale: 'zh-CN' | 'en') {
  return createI18n({
    legacy: false, locale, fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': { importProblems: importProblemsZhCN }, en: { importProblems: importProblemsEn } },
  }).global;
}

const problems: ImportProblem[] = [
  { path: 'properties', message: "must have required property 'name'", code: 'required', field: 'name' },
  { path: 'properties.status', message: 'must be equal to one of the allowed values: planned, completed', code: 'enum', field: 'status', params: { allowed: 'planned, completed' } },
  { path: 'properties.households', message: 'must be integer', code: 'type', field: 'households', params: { type: 'integer' } },
  { path: 'properties.households', message: 'must be >= 0', code: 'minimum', field: 'households', params: { limit: 0 } },
  { path: 'properties.colour', message: 'unknown property "colour"', code: 'unknownProperty', field: 'colour' },
  { path: 'geometry', message: 'position [121, 31] lies outside the district boundary', code: 'outsideDistrict', field: 'geometry', params: { lon: 121, lat: 31 } },
];

describe('import problems in the user\'s language', () => {
  it('names the field by its schema title and says what is wrong in Chinese', () => {
    const i18n = translator('zh-CN');
    expect(problems.map((p) => problemText(p, schema, 'zh-CN', i18n))).toEqual([
      '名称：必填，文件中缺少该项',
      '状态：应为以下之一：规划、完工',
      '户数：应为整数',
      '户数：不能小于 0',
      'colour：不是该图层的属性',
      '几何：坐标 [121.000000, 31.000000] 在街道范围之外',
    ]);
  });

  it('says the same in English', () => {
    const i18n = translator('en');
    expect(problems.map((p) => problemText(p, schema, 'en', i18n))).toEqual([
      'Name: is required but missing from the file',
      'Status: must be one of: Planned, Completed',
      'Households: must be a whole number',
      'Households: must be at least 0',
      'colour: is not a property of this layer',
      'Geometry: position [121.000000, 31.000000] lies outside the district',
    ]);
  });

  it('falls back to the server\'s English message for a problem without a known code, and translates file notes', () => {
    const i18n = translator('zh-CN');
    expect(problemText({ path: 'properties.name', message: 'something new' }, schema, 'zh-CN', i18n)).toBe('名称：something new');
    expect(noteText({ code: 'unknownColumns', message: "columns not in the layer's schema: colour", params: { columns: 'colour' } }, i18n)).toBe('以下列不在图层属性中，未导入：colour');
    expect(noteText({ code: 'encoding', message: 'the file is not UTF-8: read as GB18030', params: { encoding: 'GB18030' } }, translator('en'))).toBe('the file is not UTF-8: read as GB18030');
  });
});
