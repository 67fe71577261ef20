import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { auditPages } from '../features/audit';
import { calendarPages } from '../features/calendar';
import { authPages, FORBIDDEN_ROUTE, toLanding } from '../features/auth';
import { CASE_FILERS, CASE_ROLES, casePages } from '../features/cases';
import { mapPages } from '../features/map';
import { notificationsPages } from '../features/notifications';
import { OVERVIEW_ROLES, overviewPages } from '../features/overview';
import { previewPages } from '../features/preview';
import { REPORT_ROLES, reportsPages } from '../features/reports';
import { tokensPages } from '../features/tokens';

/**
 * The console's pages and who may see each (`meta.access`). Map reads are public, so the map is too. Each feature's
 * front door lists its pages as lazy loaders (`mapPages`, `casePages`, …), so every page stays a chunk of its own.
 */
export const routes: RouteRecordRaw[] = [
  // Each role's own work (a visitor's: the map); a guard, not a redirect, so that it runs once the session is known.
  { path: '/', component: mapPages.map, meta: { access: 'public', drawsMap: true }, beforeEnter: toLanding },
  { path: '/map', name: 'map', component: mapPages.map, meta: { access: 'public', titleKey: 'nav.map', messages: ['planner', 'caseWork'], drawsMap: true } },
  {
    path: '/preview/:style(console|overview)', name: 'style-preview',
    component: previewPages.preview, meta: { access: 'public', titleKey: 'preview.title', fullScreen: true, drawsMap: true },
  },
  {
    path: '/overview', name: 'overview',
    component: overviewPages.overview, meta: { access: OVERVIEW_ROLES, titleKey: 'overview.title', fullScreen: true, messages: ['overview'], drawsMap: true },
  },
  { path: '/login', name: 'login', component: authPages.login, meta: { access: 'public', titleKey: 'login.title', messages: ['login'] } },
  { path: '/cases', name: 'cases', component: casePages.queue, meta: { access: CASE_ROLES, titleKey: 'cases.queue.title', messages: ['caseWork'] } },
  { path: '/cases/new', name: 'case-new', component: casePages.new, meta: { access: CASE_FILERS, titleKey: 'cases.new.title', drawsMap: true } },
  {
    path: '/cases/:id(\\d+|QB\\d{4}-\\d{6})', name: 'case',
    component: casePages.case, meta: { access: CASE_ROLES, titleKey: 'cases.page.title', messages: ['caseWork'], drawsMap: true },
  },
  { path: '/reports', name: 'reports', component: reportsPages.reports, meta: { access: REPORT_ROLES, titleKey: 'nav.reports' } },
  {
    path: '/reports/appraisal', name: 'appraisal',
    component: reportsPages.appraisal, meta: { access: REPORT_ROLES, titleKey: 'nav.appraisal', fullScreen: true },
  },
  {
    path: '/admin/audit', name: 'audit',
    component: auditPages.audit, meta: { access: ['admin'], titleKey: 'audit.title', messages: ['audit'] },
  },
  {
    path: '/admin/categories', name: 'case-categories',
    component: casePages.categories, meta: { access: ['admin'], titleKey: 'categoryAdmin.title', messages: ['categoryAdmin'] },
  },
  {
    path: '/admin/calendar', name: 'calendar',
    component: calendarPages.calendar, meta: { access: ['admin'], titleKey: 'nav.calendar' },
  },
  {
    path: '/admin/webhooks', name: 'webhooks',
    component: notificationsPages.webhooks, meta: { access: ['admin'], titleKey: 'nav.webhooks', messages: ['notifications'] },
  },
  { path: '/tokens', name: 'tokens', component: tokensPages.tokens, meta: { access: 'signed-in', titleKey: 'tokens.title', messages: ['tokens'] } },
  { path: '/forbidden', name: FORBIDDEN_ROUTE, component: authPages.forbidden, meta: { access: 'public', titleKey: 'forbidden.title' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue'), meta: { access: 'public', titleKey: 'notFound.title' } },
];

/** Creates the console's router; tests pass a memory history. The access guard is installed by `installAccessGuard`. */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({ history, routes });
}
