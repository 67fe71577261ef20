/** The style preview's pages, loaded when their route is first visited. */
export const previewPages = {
  /** `/preview/:style`: a served MapLibre style on its own. */
  preview: () => import('./PreviewPage.vue'),
};
