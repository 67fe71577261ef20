import './app/theme.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { createAppRouter } from './app/router';
import { createAppI18n } from './i18n';

createApp(App).use(createPinia()).use(createAppRouter()).use(createAppI18n()).mount('#app');
