/** Colours of the offline basemap and labels for one theme. */
export interface Palette {
  background: string;
  water: string;
  waterOutline: string;
  waterLabel: string;
  green: string;
  greenOutline: string;
  greenLabel: string;
  roadCasing: string;
  road: string;
  roadLabel: string;
  landmark: string;
  label: string;
  halo: string;
  boundary: string;
  pointStroke: string;
  /** Outline colours of communities and grid cells; undefined: the layer's own colour. */
  community?: string;
  grid?: string;
  /** Text of aggregated point counts, and its halo. */
  countText: string;
  countHalo: string;
}

/** The light console theme (planners, inspectors). */
export const LIGHT: Palette = {
  background: '#f2efe9',
  water: '#a9cde8',
  waterOutline: '#86b6dc',
  waterLabel: '#3f6f9a',
  green: '#cfe3c0',
  greenOutline: '#a9cb95',
  greenLabel: '#4c7a3a',
  roadCasing: '#c9c3b8',
  road: '#ffffff',
  roadLabel: '#6b6359',
  landmark: '#7d7468',
  label: '#3b3b3b',
  halo: '#ffffff',
  boundary: '#222222',
  pointStroke: '#ffffff',
  countText: '#1a1a1a',
  countHalo: '#ffffff',
};

/** The dark big-screen theme (leaders' overview). */
export const DARK: Palette = {
  background: '#0b1426',
  water: '#123456',
  waterOutline: '#1d4a78',
  waterLabel: '#7fb0df',
  green: '#15301f',
  greenOutline: '#24503a',
  greenLabel: '#7fbf93',
  roadCasing: '#1a2438',
  road: '#34476b',
  roadLabel: '#9fb0cc',
  landmark: '#8fa3c4',
  label: '#d6e0f0',
  halo: '#0b1426',
  boundary: '#e6f0ff',
  pointStroke: '#0b1426',
  community: '#6f8fc4',
  grid: '#2a3a58',
  countText: '#0b1426',
  countHalo: '#e6f0ff',
};

/** CSS font families labels are drawn with: there is no `glyphs` URL, so MapLibre rasterises them locally. */
export const LABEL_FONT_STACK = ['Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];
