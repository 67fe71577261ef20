import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createAppI18n, loadMessageAreas, localeReady, setAppLocale } from './index';
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

  it('starts in the stored locale once its messages are in, and persists a switch', async () => {
    const storage = memoryStorage({ [LOCALE_STORAGE_KEY]: 'en' });
    const i18n = createAppI18n({ storage, document });
    await localeReady(i18n);
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('app.title')).toBe('Qingbo One Map');

    await setAppLocale(i18n.global, 'zh-CN');
    await nextTick();
    expect(storage.data.get(LOCALE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.global.t('app.title')).toBe('清波一张图');
  });
});

describe('one language per load', () => {
  it('carries only Chinese at first and fetches English when chosen', async () => {
    const storage = memoryStorage();
    const i18n = createAppI18n({ storage, document });
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(i18n.global.t('nav.map')).toBe('地图');
    expect(i18n.global.getLocaleMessage('en')).toEqual({});

    const switching = setAppLocale(i18n.global, 'en');
    expect(i18n.global.locale.value, 'the page stays in Chinese until English is in').toBe('zh-CN');
    await switching;
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('nav.map')).toBe('Map');
    expect(i18n.global.t('cases.new.title')).toBe('Report a case');
    await nextTick();
    expect(storage.data.get(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('lets the last of two overlapping switches win', async () => {
    const i18n = createAppI18n({ storage: memoryStorage(), document });
    const toEnglish = setAppLocale(i18n.global, 'en');
    const backToChinese = setAppLocale(i18n.global, 'zh-CN');
    await Promise.all([toEnglish, backToChinese]);
    expect(i18n.global.locale.value).toBe('zh-CN');
  });
});

describe('message areas', () => {
  it('leaves the planner, overview and category texts out of the first load and fetches them for their pages', async () => {
    const i18n = createAppI18n({ storage: memoryStorage(), document });
    expect(i18n.global.te('planner.details.title')).toBe(false);
    expect(i18n.global.te('overview.title')).toBe(false);
    expect(i18n.global.t('cases.new.title')).toBe('上报案件');

    await loadMessageAreas(i18n.global, ['planner']);
    expect(i18n.global.t('planner.details.title')).toBe('要素详情');
    expect(i18n.global.te('overview.title')).toBe(false);
  });

  it('joins the case work texts to the cases texts the filing page has from the start', async () => {
    const i18n = createAppI18n({ storage: memoryStorage(), document });
    expect(i18n.global.t('cases.new.submit')).toBe('上报');
    expect(i18n.global.te('cases.queue.title')).toBe(false);

    await loadMessageAreas(i18n.global, ['caseWork']);
    expect(i18n.global.t('cases.queue.title')).toBe('案件');
    expect(i18n.global.t('cases.new.submit'), 'the core cases texts stay').toBe('上报');
    await setAppLocale(i18n.global, 'en');
    expect(i18n.global.t('cases.page.back')).toBe('← Back to the cases');
    expect(i18n.global.t('cases.new.submit')).toBe('Report');
  });

  it('brings the areas in use along when the language switches', async () => {
    const i18n = createAppI18n({ storage: memoryStorage(), document });
    await loadMessageAreas(i18n.global, ['overview']);
    await setAppLocale(i18n.global, 'en');
    expect(i18n.global.t('overview.title')).toBe('Leader overview');
    expect(i18n.global.t('nav.map')).toBe('Map');
  });
});
