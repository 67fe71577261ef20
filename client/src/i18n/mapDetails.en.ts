import type { mapDetailsZhCN } from './mapDetails.zh-CN';

/** English strings of the map's legend and of a case's details on /map. */
export const mapDetailsEn: typeof mapDetailsZhCN = {
  legend: {
    title: 'Legend of {title}',
    other: 'Other',
    cluster: 'Cluster (number of features; click to zoom in)',
    separator: ', ',
    ring: 'ring',
  },
  case: {
    title: 'Case',
    openPage: 'Open case page {number}',
    shanghai: '{time} (China Standard Time)',
    local: 'your time {time}',
    loading: 'Loading the case…',
    loadError: 'The case failed to load: {message}',
  },
};
