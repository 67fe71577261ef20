/** The map feature's pages, loaded when their route is first visited (each its own chunk). */
export const mapPages = {
  /** `/map`: the planner's workspace. */
  map: () => import('./MapPage.vue'),
};
