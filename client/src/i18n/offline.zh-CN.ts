/** Chinese strings of offline use: the service worker's readiness, updates and the queue. */
export const offlineZhCN = {
  ready: '已可离线使用',
  readyTitle: '没有网络时也能打开本页、保存案件，联网后自动发送',
  preparing: '正在准备离线使用…',
  offline: '离线',
  queued: '{n} 条案件待发送',
  noneQueued: '没有待发送的案件',
  update: {
    ready: '新版本已就绪，重新加载后生效。',
    reload: '重新加载',
    later: '稍后',
  },
};

/** The shape every locale's offline strings follow. */
export type OfflineMessages = typeof offlineZhCN;
