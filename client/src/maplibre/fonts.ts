/**
 * CSS font families MapLibre draws CJK labels with: the served styles have no `glyphs` URL, so
 * labels are rasterised locally from these (the styles' `text-font` names the same stack).
 */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
