import type { Router } from 'vue-router';
import type { Composer } from 'vue-i18n';
import type { AppLocale } from './locale';

/** A group of messages only some pages need, loaded with the first of them (the rest ship in the app shell). */
export type MessageArea = 'planner' | 'overview' | 'categoryAdmin' | 'notifications' | 'tokens' | 'login' | 'audit' | 'caseWork';

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
  tokens: {
    'zh-CN': async () => (await import('../features/tokens/messages.zh-CN')).tokensZhCN,
    en: async () => (await import('../features/tokens/messages.en')).tokensEn,
  },
  login: {
    'zh-CN': async () => (await import('./login.zh-CN')).loginZhCN,
    en: async () => (await import('./login.en')).loginEn,
  },
  audit: {
    'zh-CN': async () => (await import('./audit.zh-CN')).auditZhCN,
    en: async () => (await import('./audit.en')).auditEn,
  },
  caseWork: {
    'zh-CN': async () => (await import('./caseWork.zh-CN')).caseWorkZhCN,
    en: async () => (await import('./caseWork.en')).caseWorkEn,
  },
};

/**
 * Areas whose messages join a core key rather than a key of their own (`caseWork` → `cases.queue`, `cases.page` …),
 * with one of their keys, whose presence tells that the area is in.
 */
const NESTED_AREAS: Partial<Record<MessageArea, { under: string; marker: string }>> = {
  caseWork: { under: 'cases', marker: 'queue' },
};

/** Whether a locale's messages hold the area already. */
function hasArea(present: Record<string, unknown>, area: MessageArea): boolean {
  const nested = NESTED_AREAS[area];
  if (!nested) return present[area] !== undefined;
  return (present[nested.under] as Record<string, unknown> | undefined)?.[nested.marker] !== undefined;
}

/** The messages to merge for the areas loaded: each under its name, or inside the core key it joins. */
function placed(loaded: readonly (readonly [MessageArea, object])[]): Record<string, object> {
  const tree: Record<string, object> = {};
  for (const [area, messages] of loaded) {
    const nested = NESTED_AREAS[area];
    if (nested) tree[nested.under] = { ...tree[nested.under], ...messages };
    else tree[area] = messages;
  }
  return tree;
}

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
  const missing = areas.filter((area) => !hasArea(present, area));
  const loaded = await Promise.all(missing.map(async (area) => [area, await AREA_LOADERS[area][locale]()] as const));
  if (loaded.length > 0) target.mergeLocaleMessage(locale, placed(loaded));
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
