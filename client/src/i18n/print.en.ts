import type { printZhCN } from './print.zh-CN';

/** English strings of the print panel on /map. */
export const printEn: typeof printZhCN = {
  defaultTitle: 'Qingbo Subdistrict One Map · {date}',
  title: 'Title',
  subtitle: 'Subtitle or notes (optional)',
  subtitlePlaceholder: 'e.g. Alley renovations in 2011',
  includeLegend: 'Include legend',
  size: 'Output size',
  sizes: {
    view: 'Current view ({width} × {height} px)',
    a4Landscape: 'A4 landscape, 150 dpi (1754 × 1240 px)',
  },
  export: 'Export PNG',
  exporting: 'Exporting…',
  stages: {
    map: 'Drawing the map…',
    compose: 'Laying out the page…',
    encode: 'Encoding the PNG…',
    done: 'Downloaded {fileName} ({width} × {height} px)',
  },
  errors: {
    timeout: 'The map took too long to draw. Check the connection and try again.',
    webgl: 'The browser could not create the off-screen map (WebGL): {message}. Try the "Current view" size.',
    encode: 'The browser could not encode the PNG: {message}',
    unknown: 'Export failed: {message}',
  },
  page: {
    legend: 'Legend',
    more: '+{count} more',
    north: 'N',
    selected: 'Selected feature',
    printedAt: 'Printed {date}',
  },
  hint: 'The image has a title, a legend of the visible layers, a scale bar, a north arrow and the data sources.',
};
