import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';

/** Creates the console's router; tests pass a memory history. */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({
    history,
    routes: [
      { path: '/', redirect: '/map' },
      { path: '/map', name: 'map', component: () => import('../features/map/MapPage.vue'), meta: { titleKey: 'nav.map' } },
      {
        path: '/preview/:style(console|overview)', name: 'style-preview',
        component: () => import('../features/preview/PreviewPage.vue'), meta: { titleKey: 'preview.title', fullScreen: true },
      },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue'), meta: { titleKey: 'notFound.title' } },
    ],
  });
}
