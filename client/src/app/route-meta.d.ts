import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    titleKey?: string;
    /** The page fills the window: no header or navigation. */
    fullScreen?: boolean;
  }
}
