import type { Role } from '@shared/auth';
import type { LayerGroup } from '@shared/layers';
import type { Department } from '../features/auth';
import type { overviewZhCN } from './overview.zh-CN';
import { casesZhCN } from './cases.zh-CN';
import type { tokensZhCN } from '../features/tokens/messages.zh-CN';
import type { auditZhCN } from './audit.zh-CN';
import type { loginZhCN } from './login.zh-CN';
import type { caseWorkZhCN } from './caseWork.zh-CN';
import type { categoryAdminZhCN } from './categoryAdmin.zh-CN';
import { offlineZhCN } from './offline.zh-CN';
import type { plannerZhCN } from './planner.zh-CN';
import type { notificationsZhCN } from '../features/notifications/messages.zh-CN';

/** Chinese (Simplified) UI strings; the shape every other locale follows. */
export const zhCN = {
  app: {
    title: '清波一张图',
    subtitle: '清波街道城市管理',
    skipToContent: '跳到主要内容',
  },
  nav: {
    main: '主导航',
    webhooks: 'Webhook',
    tokens: '访问令牌',
    map: '地图',
    audit: '审计日志',
    categories: '分类管理',
    calendar: '工作日历',
    cases: '案件',
    caseNew: '上报',
    overview: '总览',
    reports: '统计报表',
    appraisal: '月度考核表',
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
  roles: {
    admin: '系统管理员',
    planner: '规划建设科',
    inspector: '巡查员',
    supervisor: '监督中心',
    dispatcher: '指挥中心',
    handler: '处置部门',
    leader: '街道领导',
  } satisfies Record<Role, string>,
  departments: {
    sanitation: '环卫',
    municipal: '市政',
    greening: '园林',
    enforcement: '城管执法',
  } satisfies Record<Department, string>,
  userMenu: {
    signIn: '登录',
    label: '当前用户：{name}，{role}',
    name: '姓名',
    username: '用户名',
    role: '角色',
    department: '部门',
    logout: '退出登录',
    loggingOut: '正在退出…',
  },
  forbidden: {
    title: '无权访问',
    status: '403 禁止访问',
    message: '页面 {path} 仅对以下角色开放：',
    signedInAs: '你当前以 {name}（{role}）登录。',
    anyone: '所有已登录用户',
    switchUser: '换个账号登录',
    back: '返回地图',
  },
  notices: {
    forbidden: '你的角色（{role}）无权执行此操作。',
    csrf: '请求被拒绝（来源不一致），请刷新页面后重试。',
    logoutFailed: '退出登录失败，请检查网络后重试。',
    localeFailed: '界面语言未能加载，请检查网络后重试。',
    dismiss: '关闭提示',
    unknownRole: '未登录',
  },
  popup: {
    close: '关闭',
    yes: '是',
    no: '否',
    layer: '图层',
  },
  cases: casesZhCN,
  offline: offlineZhCN,
  notificationBell: { label: '通知', unread: '通知：{n} 条未读' },
};

/** The messages every page may need, in the app shell; the shape every other locale's follow. */
export type CoreMessages = typeof zhCN;

/** The message schema shared by all locales: the core and the areas loaded with their pages (see ./areas.ts). */
export type MessageSchema = CoreMessages & {
  planner: typeof plannerZhCN;
  overview: typeof overviewZhCN;
  categoryAdmin: typeof categoryAdminZhCN;
  notifications: typeof notificationsZhCN;
  tokens: typeof tokensZhCN;
  login: typeof loginZhCN;
  audit: typeof auditZhCN;
  cases: typeof caseWorkZhCN;
};
