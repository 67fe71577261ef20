import 'vue-router';
import type { RouteAccess } from '../features/auth';
import type { MessageArea } from '../i18n/areas';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may see the page; every route declares it (a route without it is open to no one). */
    access?: RouteAccess;
    /** i18n key of the page title. */
    titleKey?: string;
    /** Message areas the page needs, loaded before it renders (see `installMessageLoading`). */
    messages?: MessageArea[];
    /** The page fills the window: no header or navigation. */
    fullScreen?: boolean;
    /** The page draws a map when it opens: work that waits for the first view waits for its first draw (see ./firstView.ts). */
    drawsMap?: boolean;
  }
}
