import type { OfflineMessages } from './offline.zh-CN';

/** English strings of offline use. */
export const offlineEn: OfflineMessages = {
  ready: 'Works offline',
  readyTitle: 'This page opens and saves cases without network; they are sent once it is back',
  preparing: 'Preparing offline use…',
  offline: 'Offline',
  queued: '{n} case waiting to be sent | {n} cases waiting to be sent',
  noneQueued: 'No cases waiting to be sent',
  update: {
    ready: 'A new version is ready; reload to use it.',
    reload: 'Reload',
    later: 'Later',
  },
};
