import './app/theme.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { useNoticesStore } from './app/notices';
import { createAppRouter } from './app/router';
import { handleAuthFailures } from './features/auth/authFailures';
import { installAccessGuard } from './features/auth/guard';
import { useSessionStore } from './features/auth/store';
import { createAppI18n } from './i18n';

const pinia = createPinia();
const router = createAppRouter();
const session = useSessionStore(pinia);
void session.load();
installAccessGuard(router, session);
handleAuthFailures({ router, session, notices: useNoticesStore(pinia) });

createApp(App).use(pinia).use(router).use(createAppI18n()).mount('#app');
