export { default as PrintPanel } from './PrintPanel.vue';
