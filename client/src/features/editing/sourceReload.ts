export { reloadLayerSources } from '../../maplibre/sourceReload';
