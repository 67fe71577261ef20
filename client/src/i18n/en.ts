import type { MessageSchema } from './zh-CN';

/** English UI strings. */
export const en: MessageSchema = {
  app: {
    title: 'Qingbo One Map',
    subtitle: 'Qingbo Street city management',
    skipToContent: 'Skip to main content',
  },
  nav: {
    main: 'Main navigation',
    map: 'Map',
  },
  locale: {
    switchLabel: 'Interface language',
    zh: '中文',
    en: 'English',
  },
  notFound: {
    title: 'Page not found',
    message: 'There is no page at {path}.',
    back: 'Back to the map',
  },
  layers: {
    panelTitle: 'Layers',
    showPanel: 'Show the layer panel',
    hidePanel: 'Hide the layer panel',
    loading: 'Loading layers…',
    loadError: 'Could not load the layer catalogue: {message}',
    retry: 'Retry',
    empty: 'There are no layers to show.',
    featureCount: 'no features | {count} feature | {count} features',
    visibility: 'Show {title}',
    groups: {
      renovation: 'Renovation',
      ecology: 'Ecology',
      economy: 'Economy',
      services: 'Public services',
      administrative: 'Administrative',
      basemap: 'Basemap',
    },
  },
  demo: {
    badge: 'Demo data',
    sources: 'Sources',
    note: 'All data on this page is demo data with estimated geometry; it is not official.',
  },
  map: {
    label: 'Map of Qingbo Street',
    loading: 'Loading the map…',
  },
  mapControls: {
    mapTitle: 'Map',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    closePopup: 'Close popup',
    toggleAttribution: 'Show or hide data sources',
  },
  preview: {
    title: 'Style preview',
    label: 'Map style preview: {name}',
  },
  popup: {
    close: 'Close',
    yes: 'Yes',
    no: 'No',
    layer: 'Layer',
  },
};
