import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createAppI18n } from './index';
import { LOCALE_STORAGE_KEY, readStoredLocale } from './locale';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('locale persistence', () => {
  it('defaults to Chinese and ignores unknown stored values', () => {
    expect(readStoredLocale(memoryStorage())).toBe('zh-CN');
    expect(readStoredLocale(memoryStorage({ [LOCALE_STORAGE_KEY]: 'fr' }))).toBe('zh-CN');
    expect(readStoredLocale({ getItem: () => { throw new Error('denied'); } })).toBe('zh-CN');
  });

  it('starts in the stored locale and persists a switch', async () => {
    const storage = memoryStorage({ [LOCALE_STORAGE_KEY]: 'en' });
    const i18n = createAppI18n({ storage, document });
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('app.title')).toBe('Qingbo One Map');

    i18n.global.locale.value = 'zh-CN';
    await nextTick();
    expect(storage.data.get(LOCALE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.global.t('app.title')).toBe('清波一张图');
  });
});
