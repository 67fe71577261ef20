import './app/theme.css';
import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './app/App.vue';
import { afterFirstView } from './app/firstView';
import { useNoticesStore } from './app/notices';
import { createAppRouter } from './app/router';
import { handleAuthFailures, installAccessGuard, useSessionStore } from './features/auth';
import { installOfflineSupport } from './features/cases';
import { createAppI18n, installMessageLoading, localeReady } from './i18n';
import { restartSharedLive } from './live';

const pinia = createPinia();
const router = createAppRouter();
const session = useSessionStore(pinia);
// the live stream carries the events of the session that opened it: once the first answer of who is signed in
// is known, another user (or none) opens it again
void session.load().finally(() => watch(() => session.user?.id ?? null, () => restartSharedLive()));
installAccessGuard(router, session);
handleAuthFailures({ router, session, notices: useNoticesStore(pinia) });
// the service worker (offline filing) would serve stale modules to Vite's dev server; it registers once the first
// page is up (its map drawn), so that its precache does not take the network from the first page's map
if (import.meta.env.PROD) installOfflineSupport(session, afterFirstView(router));

const i18n = createAppI18n();
const notices = useNoticesStore(pinia);
installMessageLoading(router, i18n.global, () => notices.show({ key: 'notices.localeFailed' }));
const app = createApp(App).use(pinia).use(router).use(i18n);
// a reader of English waits for its messages rather than seeing the page in Chinese first
localeReady(i18n).catch(() => notices.show({ key: 'notices.localeFailed' })).finally(() => app.mount('#app'));
