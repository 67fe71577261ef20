import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createTestI18n } from '../../i18n/testing';
import LayerOpacity from './LayerOpacity.vue';
import { useLayersStore } from './store';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

function open() {
  const pinia = createPinia();
  const wrapper = mount(LayerOpacity, {
    props: { layerId: 'communities', title: '社区' },
    global: { plugins: [pinia, createTestI18n({ storage: memoryStorage() })] },
  });
  return { wrapper, store: useLayersStore(pinia) };
}

describe('LayerOpacity', () => {
  it('shows the layer\'s opacity as a labelled slider that sets it in the store', async () => {
    const { wrapper, store } = open();
    const slider = wrapper.get('input[type="range"]');

    expect(wrapper.get('label').text()).toBe('不透明度 100%');
    expect(slider.attributes('aria-label')).toBe('社区 不透明度');
    expect(wrapper.find('button').exists()).toBe(false);

    await slider.setValue('60');

    expect(store.opacity).toEqual({ communities: 0.6 });
    expect(wrapper.get('label').text()).toBe('不透明度 60%');
    expect(slider.attributes('aria-valuetext')).toBe('60%');
    wrapper.unmount();
  });

  it('resets the layer to full opacity', async () => {
    const { wrapper, store } = open();
    store.setOpacity('communities', 0.25);
    await wrapper.vm.$nextTick();

    await wrapper.get('button').trigger('click');

    expect(store.opacity).toEqual({});
    expect((wrapper.get('input[type="range"]').element as HTMLInputElement).value).toBe('100');
    wrapper.unmount();
  });
});
