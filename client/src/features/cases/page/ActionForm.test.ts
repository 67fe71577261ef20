import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createTestI18n } from '../../../i18n/testing';
import type { CaseAction } from '../types';
import ActionForm from './ActionForm.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

function mountForm(action: CaseAction, props: Partial<{ defaultDepartment: 'municipal' | null; deadline: string | null; afterUploaded: boolean }> = {}) {
  return mount(ActionForm, {
    props: { action, defaultDepartment: null, deadline: null, photoCount: 0, busy: false, ...props },
    global: { plugins: [createTestI18n({ storage: memoryStorage() })] },
  });
}

describe('ActionForm', () => {
  it('asks for a reason before rejecting, then sends it', async () => {
    const form = mountForm('reject');
    await form.get('form').trigger('submit');
    expect(form.emitted('submit')).toBeUndefined();
    expect(form.get('[role="alert"]').text()).toBe('请填写原因。');

    await form.get('textarea[name="reason"]').setValue('  不属于城管范围  ');
    await form.get('form').trigger('submit');
    expect(form.emitted('submit')).toEqual([[{ reason: '不属于城管范围' }, []]]);
  });

  it('offers the category’s department first when dispatching, and a note is optional', async () => {
    const form = mountForm('dispatch', { defaultDepartment: 'municipal' });
    expect((form.get('select[name="department"]').element as HTMLSelectElement).value).toBe('municipal');
    expect(form.get('select[name="department"] option[value="municipal"]').text()).toBe('市政 （类别默认）');
    await form.get('form').trigger('submit');
    expect(form.emitted('submit')).toEqual([[{ department: 'municipal' }, []]]);
  });

  it('needs a note and an "after" photo for feedback (unless uploaded by an earlier try)', async () => {
    const form = mountForm('feedback');
    await form.get('textarea[name="note"]').setValue('已清理');
    await form.get('form').trigger('submit');
    expect(form.get('[role="alert"]').text()).toBe('请添加至少 1 张处理后照片。');
    expect(form.emitted('submit')).toBeUndefined();

    const retry = mountForm('feedback', { afterUploaded: true });
    await retry.get('textarea[name="note"]').setValue('已清理');
    await retry.get('form').trigger('submit');
    expect(retry.emitted('submit')).toEqual([[{ note: '已清理' }, []]]);
  });

  it('takes a postponement only to a later deadline', async () => {
    vi.useFakeTimers({ now: new Date('2011-06-01T02:00:00.000Z') });
    const form = mountForm('postpone', { deadline: '2011-06-02T02:00:00.000Z' });
    await form.get('textarea[name="reason"]').setValue('等待配件');
    await form.get('input[name="until"]').setValue('2011-06-01T12:00');
    await form.get('form').trigger('submit');
    expect(form.get('[role="alert"]').text()).toBe('请选择晚于当前期限的新期限。');

    await form.get('input[name="until"]').setValue('2011-06-09T12:00');
    await form.get('form').trigger('submit');
    const input = form.emitted<[{ reason?: string; until?: string }]>('submit')?.[0]?.[0];
    expect(input?.reason).toBe('等待配件');
    expect(Date.parse(input?.until ?? '')).toBe(new Date('2011-06-09T12:00').getTime());
    vi.useRealTimers();
  });
});
