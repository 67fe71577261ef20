/** Chinese strings of the sign-in page (an area, loaded with it: see ./areas.ts). */
export const loginZhCN = {
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
};
