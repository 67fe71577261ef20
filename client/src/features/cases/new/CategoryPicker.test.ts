import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../i18n';
import { sampleCategories } from '../testing';
import CategoryPicker from './CategoryPicker.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

describe('CategoryPicker', () => {
  it('groups the active categories by family and major class and narrows them as one types', async () => {
    const wrapper = mount(CategoryPicker, {
      props: { categories: sampleCategories(), modelValue: '' },
      global: { plugins: [createAppI18n({ storage: memoryStorage() })] },
    });
    expect(wrapper.findAll('.category-picker__major').map((h) => h.text())).toEqual(['部件 · C01 公用设施', '事件 · E01 市容环境', '事件 · E04 街面秩序']);
    expect(wrapper.findAll('button[data-code]')).toHaveLength(5);

    await wrapper.get('#category-search').setValue('井盖');
    expect(wrapper.findAll('button[data-code]').map((b) => b.attributes('data-code'))).toEqual(['C01-01', 'C01-02']);
    expect(wrapper.get('.category-picker__count').text()).toBe('2 个类别');

    await wrapper.get('#category-search').setValue('nothing like it');
    expect(wrapper.get('.category-picker__empty').text()).toBe('没有匹配的类别。');
    wrapper.unmount();
  });

  it('chooses the best match with Enter, shows it with its limit and department, and reopens with "change"', async () => {
    const chosen: string[] = [];
    const wrapper = mount(CategoryPicker, {
      props: { categories: sampleCategories(), modelValue: '', 'onUpdate:modelValue': (code: string) => void chosen.push(code) },
      global: { plugins: [createAppI18n({ storage: memoryStorage() })] },
      attachTo: document.body,
    });
    await wrapper.get('#category-search').setValue('c0102');
    await wrapper.get('#category-search').trigger('keydown', { key: 'Enter' });
    expect(chosen).toEqual(['C01-02']);

    await wrapper.setProps({ modelValue: 'C01-02' });
    expect(wrapper.get('[data-testid="category-chosen"]').text()).toContain('污水井盖');
    expect(wrapper.get('.category-picker__meta').text()).toBe('部件 · 公用设施 · 时限 4 工作小时 · 市政');
    await wrapper.get('[data-testid="category-chosen"] button').trigger('click');
    expect(wrapper.find('#category-search').exists()).toBe(true);
    wrapper.unmount();
  });

  it('moves between the results with the arrow keys', async () => {
    const wrapper = mount(CategoryPicker, {
      props: { categories: sampleCategories(), modelValue: '' },
      global: { plugins: [createAppI18n({ storage: memoryStorage() })] },
      attachTo: document.body,
    });
    await wrapper.get('#category-search').trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-code')).toBe('C01-01');
    await wrapper.get('#category-results').trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-code')).toBe('C01-02');
    await wrapper.get('#category-results').trigger('keydown', { key: 'End' });
    expect(document.activeElement?.getAttribute('data-code')).toBe('E04-03');
    await wrapper.get('#category-results').trigger('keydown', { key: 'Home' });
    await wrapper.get('#category-results').trigger('keydown', { key: 'ArrowUp' });
    expect(document.activeElement?.id).toBe('category-search');
    wrapper.unmount();
  });
});
