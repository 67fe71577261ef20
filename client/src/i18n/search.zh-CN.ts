/** Chinese strings of the feature search box on /map. */
export const searchZhCN = {
  label: '搜索要素',
  placeholder: '搜索地点、道路、社区、网格、案件编号…',
  loading: '正在加载可搜索的要素…',
  empty: '无匹配结果',
  failed: '以下图层未能加载，结果可能不全：{layers}',
  retry: '重试',
  count: '{count} 个结果',
  more: '共 {total} 个结果，显示前 {shown} 个',
  clear: '清除搜索',
  matchedBy: '{field}：{value}',
};
