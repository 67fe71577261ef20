import './app/theme.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { useNoticesStore } from './app/notices';
import { createAppRouter } from './app/router';
import { handleAuthFailures, installAccessGuard, useSessionStore } from './features/auth';
import { installOfflineSupport } from './features/cases';
import { createAppI18n } from './i18n';

const pinia = createPinia();
const router = createAppRouter();
const session = useSessionStore(pinia);
void session.load();
installAccessGuard(router, session);
handleAuthFailures({ router, session, notices: useNoticesStore(pinia) });
// the service worker (offline filing) would serve stale modules to Vite's dev server
if (import.meta.env.PROD) installOfflineSupport(session);

createApp(App).use(pinia).use(router).use(createAppI18n()).mount('#app');
