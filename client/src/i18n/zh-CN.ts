import type { Role } from '@shared/auth';
import type { LayerGroup } from '@shared/layers';
import type { Department } from '../features/auth';
import type { overviewZhCN } from './overview.zh-CN';
import { casesZhCN } from './cases.zh-CN';
import { tokensZhCN } from '../features/tokens';
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
  login: {
    title: '登录',
    heading: '登录清波一张图',
    intro: '请使用你的账号登录。',
    needed: '请先登录，再继续访问 {path}。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    signedInAs: '你已以 {name}（{role}）登录；可以换一个账号登录。',
    errors: {
      invalidCredentials: '用户名或密码错误。',
      accountLocked: '密码错误次数过多，账号已暂时锁定，请 {minutes} 分钟后再试。',
      tooManyAttempts: '登录尝试过于频繁，请 {seconds} 秒后再试。',
      accountDisabled: '此账号已停用，请联系系统管理员。',
      missingUsername: '请输入用户名。',
      missingPassword: '请输入密码。',
      network: '无法连接服务器，请检查网络后重试。',
      server: '服务器出错，请稍后再试。',
      csrf: '请求被拒绝（来源不一致），请刷新页面后重试。',
      other: '登录失败：{message}',
    },
    demo: {
      title: '演示账号',
      note: '以下为演示街道的账号，仅用于体验，正式部署时会停用。所有账号的密码均为 {password}。',
      use: '使用 {username} 账号',
    },
  },
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
  audit: {
    title: '审计日志',
    intro: '每一次写操作与登录的记录：谁、何时、做了什么、改了哪条数据。',
    filter: '对象类型',
    allEntities: '全部',
    loading: '正在加载审计日志…',
    error: '审计日志加载失败：{message}',
    retry: '重试',
    empty: '没有符合条件的记录。',
    range: '第 {from}–{to} 条，共 {total} 条',
    previous: '上一页',
    next: '下一页',
    paging: '翻页',
    columns: {
      at: '时间',
      user: '用户',
      action: '操作',
      entity: '对象',
      entityId: '编号',
      summary: '摘要',
    },
    actions: {
      login: '登录',
      create: '新建',
      replace: '替换',
      patch: '修改',
      update: '修改',
      delete: '删除',
      import: '导入',
    },
    entities: {
      session: '登录会话',
      feature: '要素 · {layer}',
      caseCategory: '案件分类',
    },
    summary: {
      after: '新建',
      before: '删除前',
      changed: '修改',
      geometry: '几何类型：{type}',
      geometryChanged: '几何已改变',
      empty: '空',
      none: '—',
    },
    system: '系统',
  },
  popup: {
    close: '关闭',
    yes: '是',
    no: '否',
    layer: '图层',
  },
  cases: casesZhCN,
  tokens: tokensZhCN,
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
};
