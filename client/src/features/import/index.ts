export { default as ImportPanel } from './ImportPanel.vue';
