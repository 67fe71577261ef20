/**
 * One colour a style layer draws a catalogue layer's features with, as the server lists it in
 * the layer's `metadata['qingbo:legend']`: the fill (or circle) colour of a property value, the
 * ring colour of one, the colour of features no value names (no `value`), or of point clusters.
 */
export interface LegendColor {
  part: 'fill' | 'stroke' | 'cluster';
  color: string;
  /** The property the colour stands for a value of (absent for the default colour and clusters). */
  property?: string;
  value?: string;
}

/** Metadata key of the legend colours on a style layer. */
export const LEGEND_METADATA_KEY = 'qingbo:legend';

/**
 * Metadata key of the filter a style layer uses in place of its own while the client filters its
 * catalogue layer (by property or date): a clustered layer then shows its matching points, not clusters.
 */
export const FILTERED_METADATA_KEY = 'qingbo:filtered';
