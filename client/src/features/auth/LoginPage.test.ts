import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../../app/router';
import { createTestI18n } from '../../i18n/testing';
import { DEMO_ACCOUNTS } from './demoAccounts';
import LoginPage from './LoginPage.vue';
import { useSessionStore } from './store';
import { apiError, authApiHandler, fakeAuthApi, recordingFetch, sessionUser, type ReceivedRequest } from './testing';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });

/** The login page on `/login?redirect=…` (no redirect: `null`), talking to `server` through the global fetch. */
async function open(server: (request: ReceivedRequest) => Response | Promise<Response>, redirect: string | null = '/admin/audit') {
  const fetch = recordingFetch(server);
  vi.stubGlobal('fetch', fetch);
  const router = createAppRouter(createMemoryHistory());
  await router.push({ path: '/login', query: redirect === null ? {} : { redirect } });
  const pinia = createPinia();
  const wrapper = mount(LoginPage, { global: { plugins: [pinia, router, createTestI18n({ storage: memoryStorage() })] }, attachTo: document.body });
  return { wrapper, router, fetch, session: useSessionStore(pinia) };
}

async function signIn(wrapper: Awaited<ReturnType<typeof open>>['wrapper'], username: string, password: string) {
  await wrapper.get('#login-username').setValue(username);
  await wrapper.get('#login-password').setValue(password);
  await wrapper.get('form').trigger('submit');
}

describe('LoginPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('labels its fields for password managers and lists the demo accounts', async () => {
    const { wrapper } = await open(() => apiError(404, 'not_found'));

    expect(wrapper.get('label[for="login-username"]').text()).toBe('用户名');
    expect(wrapper.get('#login-username').attributes('autocomplete')).toBe('username');
    expect(wrapper.get('#login-password').attributes('autocomplete')).toBe('current-password');
    expect(wrapper.get('#demo-accounts-title').text()).toContain('演示账号');
    expect(wrapper.findAll('.demo-accounts__item code').map((c) => c.text())).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(wrapper.text()).toContain('qingbo2011');
    wrapper.unmount();
  });

  it('signs in, then goes back to the page that sent the user here', async () => {
    const admin = sessionUser('admin');
    const { wrapper, router, fetch, session } = await open(authApiHandler([admin]), '/admin/audit?page=2');

    await signIn(wrapper, ' admin ', 'secret');
    await flushPromises();

    expect(fetch.requests[0]).toEqual({ method: 'POST', url: '/api/auth/login', body: { username: 'admin', password: 'secret' } });
    await vi.waitFor(() => expect(session.user).toEqual(admin), { timeout: 10_000 });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/admin/audit?page=2'), { timeout: 10_000 });
    wrapper.unmount();
  });

  it('without a ?redirect=, lands each role on its own work', async () => {
    for (const [role, path] of [['inspector', '/cases/new'], ['handler', '/cases'], ['leader', '/overview']] as const) {
      const user = sessionUser(role);
      const { wrapper, router } = await open(authApiHandler([user]), null);
      const landed: string[] = [];
      // stop before the page itself loads: where the login page sends the user is what is checked
      router.beforeEach((to) => (to.path === '/login' ? true : (landed.push(to.fullPath), false)));

      await signIn(wrapper, role, 'secret');
      await vi.waitFor(() => expect(landed).toEqual([path]), { timeout: 10_000 });
      wrapper.unmount();
    }
  });

  it('sends a user to their own work rather than to a ?redirect= their role may not open', async () => {
    const { wrapper, router } = await open(authApiHandler([sessionUser('leader')]), '/cases/new');
    const landed: string[] = [];
    router.beforeEach((to) => (to.path === '/login' ? true : (landed.push(to.fullPath), false)));

    await signIn(wrapper, 'leader', 'secret');
    await vi.waitFor(() => expect(landed).toEqual(['/overview']), { timeout: 10_000 });
    wrapper.unmount();
  });

  it('is busy while signing in', async () => {
    let release!: (response: Response) => void;
    const { wrapper } = await open(() => new Promise<Response>((resolve) => { release = resolve; }));

    await signIn(wrapper, 'planner', 'x');

    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('button[type="submit"]').text()).toBe('正在登录…');
    expect(wrapper.get('form').attributes('aria-busy')).toBe('true');
    release(apiError(401, 'invalid_credentials'));
    await flushPromises();
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeUndefined();
    wrapper.unmount();
  });

  it.each([
    [apiError(401, 'invalid_credentials'), '用户名或密码错误。'],
    [apiError(429, 'account_locked', 'locked', { retryAfter: 600 }), '请 10 分钟后再试'],
    [apiError(429, 'too_many_attempts', 'slow', { retryAfter: 30 }), '请 30 秒后再试'],
    [apiError(403, 'account_disabled'), '此账号已停用'],
  ])('explains a refusal in words: %#', async (response, message) => {
    const { wrapper, router } = await open(() => response.clone());

    await signIn(wrapper, 'planner', 'wrong');
    await flushPromises();

    expect(wrapper.get('[role="alert"]').text()).toContain(message);
    expect(router.currentRoute.value.path).toBe('/login');
    wrapper.unmount();
  });

  it('explains an unreachable server and never follows a redirect off the site', async () => {
    const { wrapper, router } = await open(() => Promise.reject(new TypeError('Failed to fetch')), '//evil.example/');

    await signIn(wrapper, 'planner', 'secret');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('无法连接服务器，请检查网络后重试。');

    vi.stubGlobal('fetch', fakeAuthApi([sessionUser('planner')]));
    const landed: string[] = [];
    // stop before the map page loads (heavy, and not what is checked here)
    router.beforeEach((to) => (to.path === '/login' ? true : (landed.push(to.fullPath), false)));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await vi.waitFor(() => expect(landed).toEqual(['/map']), { timeout: 10_000 });
    wrapper.unmount();
  });

  it('asks for a missing password without calling the server', async () => {
    const { wrapper, fetch } = await open(() => apiError(500, 'internal'));

    await signIn(wrapper, 'planner', '');

    expect(wrapper.get('[role="alert"]').text()).toBe('请输入密码。');
    expect(fetch.requests).toEqual([]);
    wrapper.unmount();
  });
});
