export { fetchMe } from './api';
export { handleAuthFailures } from './authFailures';
export { FORBIDDEN_ROUTE, installAccessGuard } from './guard';
export { landingPath, toLanding } from './redirect';
export { DEPARTMENTS, isKnownDepartment, mayAccess, type Department, type RouteAccess } from './roles';
export { useSessionStore } from './store';
export { apiError, json, recordingFetch } from './testing';
export { default as UserMenu } from './UserMenu.vue';

/** The sign-in feature's pages, loaded when their route is first visited. */
export const authPages = {
  /** `/login`. */
  login: () => import('./LoginPage.vue'),
  /** `/forbidden`: a signed-in user without the role a page asks for. */
  forbidden: () => import('./ForbiddenView.vue'),
};
