import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestI18n } from '../../../i18n/testing';
import { apiError, json, recordingFetch } from '../../auth';
import { sampleCategory } from '../testing';
import type { CaseCategory } from '../types';
import CategoryDialog, { type CategoryDialogTarget } from './CategoryDialog.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const extensions = { code: 'C07', name: { zh: '扩展部件', en: 'District extensions' } };
const lamp = sampleCategory({ code: 'C07-01', major: extensions, name: { zh: '太阳能路灯', en: 'Solar lamp' }, timeLimit: { value: 2, unit: 'wd' }, department: 'municipal', extension: true, version: 3 });

function mountDialog(target: CategoryDialogTarget, fetch: ReturnType<typeof recordingFetch>) {
  return mount(CategoryDialog, { props: { target, fetch }, global: { plugins: [createTestI18n({ storage: memoryStorage() })] }, attachTo: document.body });
}

describe('CategoryDialog', () => {
  it('saves only the changed fields with If-Match of the version it shows', async () => {
    const seen: Headers[] = [];
    const fetch = recordingFetch(({ body }) => json({ category: { ...lamp, ...(body as object), version: 4 } }));
    const spy = Object.assign((url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return fetch(url, init);
    }, { requests: fetch.requests });
    const wrapper = mountDialog({ kind: 'edit', category: lamp }, spy);

    await wrapper.get('#category-timeLimit-value').setValue('4');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fetch.requests).toEqual([{ method: 'PUT', url: '/api/cases/categories/C07-01', body: { timeLimit: { value: 4, unit: 'wd' } } }]);
    expect(seen[0]!.get('If-Match')).toBe('"category-C07-01-3"');
    const saved = wrapper.emitted('saved') as [CaseCategory, boolean][];
    expect(saved[0]![0]).toMatchObject({ version: 4, timeLimit: { value: 4, unit: 'wd' } });
    expect(saved[0]![1]).toBe(false);
    wrapper.unmount();
  });

  it('shows its own checks on the fields and sends nothing', async () => {
    const fetch = recordingFetch(() => json({}));
    const wrapper = mountDialog({ kind: 'new', major: extensions, nextCode: 'C07-04' }, fetch);

    await wrapper.get('#category-code').setValue('C01-05');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fetch.requests).toEqual([]);
    expect(wrapper.get('#category-code').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#category-code-error').text()).toBe('编码格式为 C07-两位数字，如 C07-04。');
    expect(wrapper.get('#category-name-zh-error').text()).toBe('必填。');
    expect(wrapper.get('#category-department-error').text()).toBe('必填。');
    expect(wrapper.get('.category-dialog__summary').text()).toBe('请先修正 5 处错误。');
    wrapper.unmount();
  });

  it('puts a refusal from the server on the field it names', async () => {
    const fetch = recordingFetch(() => apiError(409, 'category_exists', 'category C07-02 already exists', [{ field: 'code', message: 'already exists' }]));
    const wrapper = mountDialog({ kind: 'new', major: extensions, nextCode: 'C07-04' }, fetch);

    await wrapper.get('#category-code').setValue('C07-02');
    await wrapper.get('#category-name-zh').setValue('智能垃圾桶');
    await wrapper.get('#category-name-en').setValue('Smart bin');
    await wrapper.get('#category-timeLimit-value').setValue('1');
    await wrapper.get('#category-department').setValue('sanitation');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fetch.requests[0]).toMatchObject({ method: 'POST', url: '/api/cases/categories', body: { majorCode: 'C07', code: 'C07-02', duplicateRadiusM: 50 } });
    expect(wrapper.get('#category-code-error').text()).toBe('服务器拒绝：already exists');
    expect(wrapper.get('#category-code').attributes('aria-describedby')).toContain('category-code-error');
    expect(wrapper.emitted('saved')).toBeUndefined();
    wrapper.unmount();
  });

  it('explains a stale version and offers the latest one', async () => {
    const fetch = recordingFetch(() => apiError(412, 'precondition_failed', 'category C07-01 was changed by someone else'));
    const wrapper = mountDialog({ kind: 'edit', category: lamp }, fetch);

    await wrapper.get('input[name="active"]').setValue(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('.category-dialog__form-error').text()).toContain('此分类刚被其他人修改过');
    await wrapper.get('.category-dialog__form-error button').trigger('click');
    expect(wrapper.emitted('reload')).toHaveLength(1);

    await wrapper.setProps({ target: { kind: 'edit', category: { ...lamp, active: false, version: 4 } } });
    expect(wrapper.find('.category-dialog__form-error').exists()).toBe(false);
    expect((wrapper.get('input[name="active"]').element as HTMLInputElement).checked).toBe(false);
    wrapper.unmount();
  });
});
