import type { opacityZhCN } from './opacity.zh-CN';

/** English strings of the per-layer opacity slider in the layer panel. */
export const opacityEn: typeof opacityZhCN = {
  toggle: 'Opacity of {title}',
  title: 'Opacity',
  value: 'Opacity {percent}%',
  slider: '{title} opacity',
  reset: 'Reset',
  resetLabel: 'Make {title} fully opaque again',
};
