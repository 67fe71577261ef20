import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { FORBIDDEN_ROUTE } from '../features/auth/guard';
import { OVERVIEW_ROLES } from '../features/overview/roles';
import { CASE_FILERS, CASE_ROLES } from '../features/cases/roles';

/** The console's pages and who may see each (`meta.access`). Map reads are public, so the map is too. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/map', meta: { access: 'public' } },
  { path: '/map', name: 'map', component: () => import('../features/map/MapPage.vue'), meta: { access: 'public', titleKey: 'nav.map' } },
  {
    path: '/preview/:style(console|overview)', name: 'style-preview',
    component: () => import('../features/preview/PreviewPage.vue'), meta: { access: 'public', titleKey: 'preview.title', fullScreen: true },
  },
  {
    path: '/overview', name: 'overview',
    component: () => import('../features/overview/OverviewPage.vue'), meta: { access: OVERVIEW_ROLES, titleKey: 'overview.title', fullScreen: true },
  },
  { path: '/login', name: 'login', component: () => import('../features/auth/LoginPage.vue'), meta: { access: 'public', titleKey: 'login.title' } },
  { path: '/cases', name: 'cases', component: () => import('../features/cases/queue/CasesPage.vue'), meta: { access: CASE_ROLES, titleKey: 'cases.queue.title' } },
  { path: '/cases/new', name: 'case-new', component: () => import('../features/cases/new/CaseNewPage.vue'), meta: { access: CASE_FILERS, titleKey: 'cases.new.title' } },
  {
    path: '/cases/:id(\\d+|QB\\d{4}-\\d{6})', name: 'case',
    component: () => import('../features/cases/page/CasePage.vue'), meta: { access: CASE_ROLES, titleKey: 'cases.page.title' },
  },
  {
    path: '/admin/audit', name: 'audit',
    component: () => import('../features/audit/AuditPage.vue'), meta: { access: ['admin'], titleKey: 'audit.title' },
  },
  {
    path: '/admin/categories', name: 'case-categories',
    component: () => import('../features/cases/admin/CategoriesAdminPage.vue'), meta: { access: ['admin'], titleKey: 'categoryAdmin.title' },
  },
  { path: '/forbidden', name: FORBIDDEN_ROUTE, component: () => import('../features/auth/ForbiddenView.vue'), meta: { access: 'public', titleKey: 'forbidden.title' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue'), meta: { access: 'public', titleKey: 'notFound.title' } },
];

/** Creates the console's router; tests pass a memory history. The access guard is installed by `installAccessGuard`. */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({ history, routes });
}
