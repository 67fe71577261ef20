/** Chinese strings of the per-layer opacity slider in the layer panel. */
export const opacityZhCN = {
  toggle: '调整 {title} 的不透明度',
  title: '不透明度',
  value: '不透明度 {percent}%',
  slider: '{title} 不透明度',
  reset: '还原',
  resetLabel: '将 {title} 还原为完全不透明',
};
