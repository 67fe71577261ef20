/** Chinese strings of the print panel on /map (mounted as `planner.print`). */
export const printZhCN = {
  defaultTitle: '清波街道一张图 · {date}',
  title: '标题',
  subtitle: '副标题或备注（可选）',
  subtitlePlaceholder: '例如：2011 年背街小巷改善进度',
  includeLegend: '包含图例',
  size: '输出尺寸',
  sizes: {
    view: '当前视图（{width} × {height} 像素）',
    a4Landscape: 'A4 横向 150 dpi（1754 × 1240 像素）',
  },
  export: '导出 PNG',
  exporting: '正在导出…',
  stages: {
    map: '正在绘制地图…',
    compose: '正在排版…',
    encode: '正在生成 PNG…',
    done: '已下载 {fileName}（{width} × {height} 像素）',
  },
  errors: {
    timeout: '地图绘制超时，请检查网络后重试。',
    webgl: '浏览器无法创建离屏地图（WebGL）：{message}。可改用“当前视图”尺寸。',
    encode: '浏览器无法生成 PNG：{message}',
    unknown: '导出失败：{message}',
  },
  page: {
    legend: '图例',
    more: '另有 {count} 项',
    north: '北',
    selected: '所选要素',
    printedAt: '打印于 {date}',
  },
  hint: '导出的图片包含标题、可见图层的图例、比例尺、指北针和数据来源。',
};
