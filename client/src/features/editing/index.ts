export { default as EditPanel } from './EditPanel.vue';
export { EDITOR_ROLES, isEditableLayer } from './roles';
export { reloadLayerSources } from './sourceReload';
export { useDrawing } from './useDrawing';
