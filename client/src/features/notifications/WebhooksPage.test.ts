import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { notificationsZhCN } from './messages.zh-CN';
import type { WebhookInfo } from './api';
import WebhooksPage from './WebhooksPage.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const hook = (id: number, extra: Partial<WebhookInfo> = {}): WebhookInfo => ({
  id, name: `钩子${id}`, kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=***', secretHint: '…ab12', events: ['case.dispatched'],
  createdAt: '2026-12-07T08:00:00.000Z', lastStatus: null, lastError: null, lastAt: null, recent: [], ...extra,
});

/** A fake server: one failing webhook, recording every request. */
function fakeServer() {
  const calls: string[] = [];
  let hooks = [hook(1, {
    lastStatus: 500, lastError: 'HTTP 500', lastAt: '2026-12-07T08:01:00.000Z',
    recent: [{ id: 9, event: 'case.overdue', caseNumber: 'QB2026-000009', state: 'pending', attempts: 2, nextAt: '2026-12-07T08:02:00.000Z', lastStatus: 500, lastError: 'HTTP 500', createdAt: '2026-12-07T08:00:00.000Z', updatedAt: '2026-12-07T08:01:00.000Z' }],
  })];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}${init?.body ? ` ${String(init.body)}` : ''}`);
    const json = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (init?.method === 'POST') {
      hooks = [...hooks, hook(2, { name: JSON.parse(String(init.body)).name, kind: 'wecom', secretHint: null })];
      return json(201, { webhook: hooks[1] });
    }
    if (init?.method === 'DELETE') {
      hooks = hooks.filter((h) => !url.endsWith(`/${h.id}`));
      return json(204);
    }
    return json(200, { webhooks: hooks, allowedHosts: ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'] });
  };
  return { fetch, calls };
}

function mountPage(server: ReturnType<typeof fakeServer>) {
  const i18n = createAppI18n({ storage: memoryStorage() });
  i18n.global.mergeLocaleMessage('zh-CN', { notifications: notificationsZhCN });
  return mount(WebhooksPage, { props: { fetch: server.fetch, confirm: () => true }, global: { plugins: [i18n] } });
}

describe('WebhooksPage', () => {
  it('shows each webhook with its last status and recent deliveries, adds one and deletes one', async () => {
    const server = fakeServer();
    const page = mountPage(server);
    await flushPromises();
    expect(page.get('[data-testid="webhook-hosts"]').text()).toBe('允许的目标主机（WEBHOOK_HOSTS）：qyapi.weixin.qq.com, oapi.dingtalk.com');
    const first = page.get('[data-testid="webhook-1"]');
    expect(first.text()).toContain('钉钉自定义机器人');
    expect(first.text()).toContain('已设密钥 …ab12');
    expect(first.get('[data-testid="webhook-status"]').classes()).toContain('webhooks-page__status--bad');
    expect(first.get('[data-testid="webhook-status"]').text()).toContain('失败 500');
    expect(first.get('details li').text()).toContain('QB2026-000009 · 已超时 · 等待重试 (第 2 次, 500)');

    await page.get('input[name="name"]').setValue('值班群');
    await page.get('input[name="url"]').setValue('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    await page.get('form').trigger('submit');
    await flushPromises();
    expect(server.calls).toContain('POST /api/notifications/webhooks {"name":"值班群","kind":"wecom","url":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k","events":["case.dispatched","case.overdue"]}');
    expect(page.get('[data-testid="webhook-2"]').text()).toContain('未设密钥');
    expect(page.get('[data-testid="webhook-2"] [data-testid="webhook-status"]').text()).toContain('尚未推送');

    await page.get('[data-testid="webhook-1"] .button--danger').trigger('click');
    await flushPromises();
    expect(server.calls).toContain('DELETE /api/notifications/webhooks/1');
    expect(page.find('[data-testid="webhook-1"]').exists()).toBe(false);
  });
});
