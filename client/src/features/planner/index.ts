export { default as DetailsPanel } from './DetailsPanel.vue';
export { csvCell, downloadBlob, downloadText } from './exportFeatures';
export { default as LayerPanel } from './LayerPanel.vue';
export { default as MapToolbar } from './MapToolbar.vue';
export { HIGHLIGHT_COLOR } from './selectionHighlight';
export { default as SelectionHighlight } from './SelectionHighlight.vue';
export { default as ToolDock } from './ToolDock.vue';
