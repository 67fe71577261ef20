import type { LayerGroup } from '@contracts/layers';

/** Chinese (Simplified) UI strings; the shape every other locale follows. */
export const zhCN = {
  app: {
    title: '清波一张图',
    subtitle: '清波街道城市管理',
    skipToContent: '跳到主要内容',
  },
  nav: {
    main: '主导航',
    map: '地图',
  },
  locale: {
    switchLabel: '界面语言',
    zh: '中文',
    en: 'English',
  },
  notFound: {
    title: '页面不存在',
    message: '找不到地址 {path} 对应的页面。',
    back: '返回地图',
  },
  layers: {
    panelTitle: '图层',
    showPanel: '显示图层面板',
    hidePanel: '隐藏图层面板',
    loading: '正在加载图层…',
    loadError: '图层目录加载失败：{message}',
    retry: '重试',
    empty: '没有可显示的图层。',
    featureCount: '{count} 个要素',
    visibility: '显示 {title}',
    groups: {
      renovation: '城市改造',
      ecology: '生态环境',
      economy: '经济发展',
      services: '公共服务',
      administrative: '行政区划',
      basemap: '底图',
    } satisfies Record<LayerGroup, string>,
  },
  demo: {
    badge: '演示数据',
    sources: '数据来源',
    note: '本页所有数据均为演示数据，几何位置为估算，不代表官方数据。',
  },
  map: {
    label: '清波街道地图',
    loading: '地图加载中…',
  },
  mapControls: {
    mapTitle: '地图',
    zoomIn: '放大',
    zoomOut: '缩小',
    closePopup: '关闭弹窗',
    toggleAttribution: '显示或隐藏数据来源',
  },
  preview: {
    title: '样式预览',
    label: '地图样式预览：{name}',
  },
  popup: {
    close: '关闭',
    yes: '是',
    no: '否',
    layer: '图层',
  },
};

/** The message schema shared by all locales. */
export type MessageSchema = typeof zhCN;
