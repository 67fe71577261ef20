import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryUpdateBody, newCategoryBody } from '@shared/cases';
import { HttpError } from '../../../api/http';
import { sampleCategory } from '../testing';
import { emptyFormValues, formValuesOf, serverErrors, validateChange, validateNew, type CategoryFormValues } from './categoryForm';

const street = sampleCategory({ code: 'E01-03', name: { zh: '道路不洁', en: 'Dirty street surface' }, timeLimit: { value: 2, unit: 'wh' }, department: 'sanitation' });
const edit = (over: Partial<CategoryFormValues>) => ({ ...formValuesOf(street), ...over });
const fresh = (over: Partial<CategoryFormValues>) => ({ ...emptyFormValues('C07'), nameZh: '智能垃圾桶', nameEn: 'Smart bin', timeLimitValue: '1', department: 'sanitation', ...over });

describe('validateChange', () => {
  it('sends only the fields that changed, trimmed and as numbers', () => {
    expect(validateChange(street, edit({ timeLimitValue: ' 1.5 ', timeLimitUnit: 'wd', nameEn: ' Dirty street ' }))).toEqual({
      ok: true, body: { timeLimit: { value: 1.5, unit: 'wd' }, name: { zh: '道路不洁', en: 'Dirty street' } },
    });
    expect(validateChange(street, edit({ active: false }))).toEqual({ ok: true, body: { active: false } });
  });

  it('says when nothing changed', () => {
    expect(validateChange(street, edit({ nameZh: ' 道路不洁 ' }))).toEqual({ ok: false, errors: { form: { key: 'noChanges' } } });
  });

  it.each([
    [{ nameZh: '  ' }, 'name.zh', 'required'],
    [{ nameZh: '长'.repeat(101) }, 'name.zh', 'tooLong'],
    [{ nameEn: 'x'.repeat(201) }, 'name.en', 'tooLong'],
    [{ timeLimitValue: '' }, 'timeLimit.value', 'required'],
    [{ timeLimitValue: '2h' }, 'timeLimit.value', 'notNumber'],
    [{ timeLimitValue: '0' }, 'timeLimit.value', 'timeLimitRange'],
    [{ timeLimitValue: '1000.5' }, 'timeLimit.value', 'timeLimitRange'],
    [{ timeLimitUnit: 'min' }, 'timeLimit.unit', 'required'],
    [{ department: 'police' }, 'department', 'required'],
    [{ duplicateRadiusM: '0.5' }, 'duplicateRadiusM', 'radiusRange'],
    [{ duplicateRadiusM: '2001' }, 'duplicateRadiusM', 'radiusRange'],
  ])('refuses %o on %s', (over, field, key) => {
    const result = validateChange(street, edit(over));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field as keyof typeof result.errors]?.key).toBe(key);
  });
});

describe('validateNew', () => {
  it('builds a new extension category, with or without a chosen code', () => {
    expect(validateNew(fresh({}))).toEqual({
      ok: true, body: { majorCode: 'C07', name: { zh: '智能垃圾桶', en: 'Smart bin' }, timeLimit: { value: 1, unit: 'wd' }, department: 'sanitation', duplicateRadiusM: 50 },
    });
    expect(validateNew(fresh({ code: 'c07-12' }))).toMatchObject({ ok: true, body: { code: 'C07-12' } });
  });

  it('refuses a code outside its major class and names every bad field at once', () => {
    const result = validateNew(fresh({ code: 'C01-02', nameEn: '', department: '' }));
    expect(result).toEqual({ ok: false, errors: { code: { key: 'codeFormat', params: { major: 'C07' } }, 'name.en': { key: 'required' }, department: { key: 'required' } } });
  });
});

describe('the form agrees with the server contract', () => {
  const numberText = fc.oneof(fc.constantFrom('', ' ', '0', '1', '1000', '1000.01', '2000', '2001', '0.5', '-3', 'abc', '1e3', '.5', ' 7 '), fc.double({ noNaN: true, min: -10, max: 2500 }).map(String));
  const text = fc.oneof(fc.constantFrom('', '  ', '路灯', 'Lamp'), fc.string({ maxLength: 210 }));
  const values = fc.record({
    nameZh: text, nameEn: text, timeLimitValue: numberText, timeLimitUnit: fc.constantFrom('wh', 'wd', 'h', ''),
    department: fc.constantFrom('sanitation', 'municipal', 'greening', 'enforcement', 'police', ''), duplicateRadiusM: numberText,
    active: fc.boolean(), majorCode: fc.constantFrom('C07', 'E06', 'X07', ''), code: fc.constantFrom('', 'C07-04', 'E06-01', 'C07-4', 'c07-05'),
  });

  /** Every common field as the server would receive it when typed (an empty input is no number). */
  const whole = (v: CategoryFormValues) => ({
    name: { zh: v.nameZh, en: v.nameEn }, timeLimit: { value: Number(v.timeLimitValue.trim() || 'x'), unit: v.timeLimitUnit },
    department: v.department, duplicateRadiusM: Number(v.duplicateRadiusM.trim() || 'x'),
  });

  it('accepts an edit exactly when PUT would, and sends what the server parses', () => {
    fc.assert(fc.property(values, (v) => {
      const result = validateChange(street, v);
      const server = categoryUpdateBody.safeParse(whole(v));
      const unchanged = !result.ok && result.errors.form?.key === 'noChanges';
      expect(server.success).toBe(result.ok || unchanged);
      if (result.ok) expect(categoryUpdateBody.parse(result.body)).toEqual(result.body);
    }), { numRuns: 500 });
  });

  it('accepts a new category exactly when POST would (up to the extension check the server makes)', () => {
    fc.assert(fc.property(values, (v) => {
      const result = validateNew(v);
      const server = newCategoryBody.safeParse({ majorCode: v.majorCode, ...(v.code.trim() ? { code: v.code.trim().toUpperCase() } : {}), ...whole(v) });
      expect(result.ok).toBe(server.success);
      if (result.ok) expect(server.data).toEqual(result.body);
    }), { numRuns: 500 });
  });
});

describe('serverErrors', () => {
  it('puts each detail on its field and a stale version on the form', () => {
    const refused = new HttpError(400, 'invalid body', 'bad_request', [{ field: 'timeLimit.value', message: 'Too big' }, { field: 'name.zh', message: 'Too small' }]);
    expect(serverErrors(refused)).toEqual({ 'timeLimit.value': { key: 'server', params: { message: 'Too big' } }, 'name.zh': { key: 'server', params: { message: 'Too small' } } });
    expect(serverErrors(new HttpError(409, 'category C07-20 already exists', 'category_exists', [{ field: 'code', message: 'already exists' }]))).toEqual({ code: { key: 'server', params: { message: 'already exists' } } });
    expect(serverErrors(new HttpError(412, 'changed', 'precondition_failed'))).toEqual({ form: { key: 'stale' } });
    expect(serverErrors(new HttpError(500, 'internal server error'))).toEqual({ form: { key: 'server', params: { message: 'internal server error' } } });
    expect(serverErrors(new TypeError('Failed to fetch'))).toEqual({ form: { key: 'network' } });
  });
});
