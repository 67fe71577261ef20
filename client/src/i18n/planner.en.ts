import { analysisEn } from './analysis.en';
import { opacityEn } from './opacity.en';
import { searchEn } from './search.en';
import { importEn } from './import.en';
import type { plannerZhCN } from './planner.zh-CN';
import { timelineEn } from './timeline.en';
import { printEn } from './print.en';

/** English strings of the planner workspace on /map. */
export const plannerEn: typeof plannerZhCN = {
  timeline: timelineEn,
  print: printEn,
  analysis: analysisEn,
  opacity: opacityEn,
  search: searchEn,
  import: importEn,
  details: {
    title: 'Feature details',
    close: 'Close details',
    loading: 'Loading the feature…',
    loadError: 'The feature failed to load: {message}',
    location: 'Location',
    community: 'Community',
    grid: 'Grid cell',
    unknown: 'Not inside any {what}',
    related: 'Garbage rooms serving this community',
    relatedNone: 'No garbage room in this community.',
    properties: 'Properties',
    recordNote: 'The record as stored; the map and the progress above show {date}.',
  },
  filters: {
    toggle: 'Filter {title}',
    title: 'Filter',
    clear: 'Clear filter',
    min: 'Min',
    max: 'Max',
    fromYear: 'From year',
    toYear: 'To year',
    matching: '{matching} of {total} features',
    exportGeojson: 'Export GeoJSON',
    exportCsv: 'Export CSV',
  },
  tools: {
    label: 'Tools',
    analysis: 'Analysis',
    import: 'Import',
    print: 'Print',
    close: 'Close the tool panel',
  },
  measure: {
    label: 'Measure',
    distance: 'Distance',
    area: 'Area',
    hint: 'Click points on the map; double-click to finish.',
    clear: 'Clear',
    result: '{kind}: {value}',
  },
  edit: {
    title: 'Edit',
    layer: 'Layer',
    drawNew: 'Draw a new feature',
    drawHint: 'Click on the map to draw a {shape}; double-click to finish a line or an area.',
    shapes: { Point: 'point', LineString: 'line', Polygon: 'area' },
    editSelected: 'Edit selected',
    deleteSelected: 'Delete selected',
    confirmDelete: 'Delete "{name}"?',
    undo: 'Undo last edit',
    cancel: 'Cancel',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved',
    deleted: 'Deleted',
    undone: 'Undone',
    geometryHint: 'Drag the feature or its vertices on the map.',
    conflict: 'Someone else changed this feature after you opened it — reload it, then edit again.',
    reload: 'Reload',
    failed: 'The edit failed: {message}',
    errors: {
      required: 'Required',
      number: 'Enter a number',
      integer: 'Enter a whole number',
      enum: 'Choose one',
      date: 'Use YYYY-MM-DD',
      min: 'At least {limit}',
      max: 'At most {limit}',
    },
    choose: 'Choose…',
  },
};
