/** Chinese strings of the map's legend and of a case's details on /map. */
export const mapDetailsZhCN = {
  legend: {
    title: '{title} 图例',
    other: '其他',
    cluster: '聚合（数字为数量，点击放大）',
    separator: '、',
    ring: '外圈',
  },
  case: {
    title: '案件',
    openPage: '打开案件页 {number}',
    shanghai: '{time}（北京时间）',
    local: '本地时间 {time}',
    loading: '正在加载案件…',
    loadError: '案件加载失败：{message}',
  },
};
