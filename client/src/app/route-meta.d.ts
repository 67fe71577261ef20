import 'vue-router';
import type { RouteAccess } from '../features/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may see the page; every route declares it (a route without it is open to no one). */
    access?: RouteAccess;
    /** i18n key of the page title. */
    titleKey?: string;
    /** The page fills the window: no header or navigation. */
    fullScreen?: boolean;
  }
}
