export { OVERVIEW_ROLES } from './roles';

/** The leader's overview pages, loaded when their route is first visited. */
export const overviewPages = {
  /** `/overview`: the big screen. */
  overview: () => import('./OverviewPage.vue'),
};
