import type { Plugin } from 'vite';

/** vue-i18n's builds for bundlers (the full one and the runtime-only one). */
const VUE_I18N_BUNDLE = /[\\/]node_modules[\\/]vue-i18n[\\/]dist[\\/]vue-i18n(?:\.runtime)?\.mjs$/;

/**
 * vue-i18n 11's helper for the current component instance, as published: it probes the `vue` namespace with `in`,
 * for Vue 3.6's `currentInstance` export. An `in` on a namespace makes the bundler keep the whole namespace object,
 * so every export of `vue` stays in the bundle (Suspense, KeepAlive, Teleport, hydration, custom elements …, ~12 KB
 * brotli), whatever the app uses. vue-i18n 12 drops the helper (intlify/vue-i18n#2573).
 */
const NAMESPACE_PROBE = `    const key = 'currentInstance';
    if (key in Vue) {
        return Vue[key];
    }
    else {
        return Vue.getCurrentInstance();
    }`;

/** The same for a Vue without `currentInstance` (3.5): a static member read, which the bundler can tree-shake. */
const STATIC_READ = '    return Vue.getCurrentInstance();';

/**
 * Lets the bundler tree-shake Vue under vue-i18n 11: rewrites its namespace probe into the branch it takes with the
 * Vue this app is built with. The build fails, rather than change behaviour, if `vue` exports `currentInstance`
 * (Vue 3.6: the probe's other branch would be taken) or if vue-i18n's code no longer has the probe (another version:
 * drop this plugin).
 */
export function treeShakeVueUnderVueI18n(): Plugin {
  return {
    name: 'qingbo-vue-i18n-tree-shaking',
    apply: 'build',
    enforce: 'pre',
    async buildStart() {
      const vue: object = await import('vue');
      if ('currentInstance' in vue) this.error('vue exports `currentInstance`: vue-i18n\'s probe would take its other branch; drop client/build/vue-i18n-tree-shaking.ts');
    },
    transform: {
      filter: { id: VUE_I18N_BUNDLE },
      handler(code, id) {
        if (!code.includes(NAMESPACE_PROBE)) this.error(`${id}: vue-i18n's namespace probe was not found (another vue-i18n version?)`);
        return { code: code.replace(NAMESPACE_PROBE, STATIC_READ), map: null };
      },
    },
  };
}
