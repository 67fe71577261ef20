export { default as AnalysisPanel } from './AnalysisPanel.vue';
