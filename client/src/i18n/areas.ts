import type { Router } from 'vue-router';
import type { Composer } from 'vue-i18n';
import type { AppLocale } from './locale';

/** A group of messages only some pages need, loaded with the first of them (the rest ship in the app shell). */
export type MessageArea = 'planner' | 'overview' | 'categoryAdmin' | 'notifications';

/** What loading messages needs of a composer (the global one, from `i18n.global` or `useI18n()`). */
export type MessageTarget = Pick<Composer, 'locale' | 'getLocaleMessage' | 'setLocaleMessage' | 'mergeLocaleMessage'>;

/** Each area's messages per locale, each a chunk of its own. The planner's include its tools (analysis, print …). */
const AREA_LOADERS: Record<MessageArea, Record<AppLocale, () => Promise<object>>> = {
  planner: {
    'zh-CN': async () => (await import('./planner.zh-CN')).plannerZhCN,
    en: async () => (await import('./planner.en')).plannerEn,
  },
  overview: {
    'zh-CN': async () => (await import('./overview.zh-CN')).overviewZhCN,
    en: async () => (await import('./overview.en')).overviewEn,
  },
  categoryAdmin: {
    'zh-CN': async () => (await import('./categoryAdmin.zh-CN')).categoryAdminZhCN,
    en: async () => (await import('./categoryAdmin.en')).categoryAdminEn,
  },
  notifications: {
    'zh-CN': async () => (await import('../features/notifications/messages.zh-CN')).notificationsZhCN,
    en: async () => (await import('../features/notifications/messages.en')).notificationsEn,
  },
};

const wantedAreas = new WeakMap<object, Set<MessageArea>>();

/** The areas a composer has been asked for so far: a locale switch loads them in the new locale too. */
export function areasOf(target: object): MessageArea[] {
  return [...(wantedAreas.get(target) ?? [])];
}

/** Fetches the areas' messages of `locale` (the composer's current one by default) that the composer lacks. */
export async function loadMessageAreas(target: MessageTarget, areas: readonly MessageArea[], locale = target.locale.value as AppLocale): Promise<void> {
  const wanted = wantedAreas.get(target) ?? new Set<MessageArea>();
  wantedAreas.set(target, wanted);
  areas.forEach((area) => wanted.add(area));
  const present = target.getLocaleMessage(locale) as Record<string, unknown>;
  const missing = areas.filter((area) => present[area] === undefined);
  const loaded = await Promise.all(missing.map(async (area) => [area, await AREA_LOADERS[area][locale]()] as const));
  if (loaded.length > 0) target.mergeLocaleMessage(locale, Object.fromEntries(loaded));
}

/**
 * Before a page renders, waits for the message areas its route names (`meta.messages`). A failed fetch lets the
 * page open anyway (its texts show as keys) and calls `onError`.
 */
export function installMessageLoading(router: Router, target: MessageTarget, onError: (error: unknown) => void): void {
  router.beforeResolve(async (to) => {
    const areas = to.matched.flatMap((record) => record.meta.messages ?? []);
    if (areas.length === 0) return;
    await loadMessageAreas(target, areas).catch(onError);
  });
}
