import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createTestI18n } from '../../i18n/testing';
import type { TokenInfo } from './api';
import TokensPage from './TokensPage.vue';

const memoryStorage = () => ({ getItem: () => null, setItem: () => undefined });
const info = (id: number, label: string, extra: Partial<TokenInfo> = {}): TokenInfo => ({
  id, username: 'planner', label, prefix: `qbt_${String(id).padStart(8, 'a')}`, createdAt: '2026-12-01T08:00:00.000Z', expiresAt: null, lastUsedAt: null, revokedAt: null, ...extra,
});

/** A fake server holding a token list, recording every request. */
function fakeServer() {
  let tokens = [info(1, '旧笔记本'), info(2, '已撤销', { revokedAt: '2026-12-02T00:00:00.000Z' })];
  const calls: string[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const json = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (init?.method === 'POST') {
      const made = info(3, JSON.parse(String(init.body)).label);
      tokens = [made, ...tokens];
      return json(201, { token: 'qbt_the-secret-shown-once', info: made });
    }
    if (init?.method === 'DELETE') {
      tokens = tokens.map((t) => (url.endsWith(`/${t.id}`) ? { ...t, revokedAt: '2026-12-07T00:00:00.000Z' } : t));
      return json(204);
    }
    return json(200, { tokens });
  };
  return { fetch, calls };
}

function mountPage(server: ReturnType<typeof fakeServer>, confirm = () => true) {
  return mount(TokensPage, { props: { fetch: server.fetch, confirm }, global: { plugins: [createTestI18n({ storage: memoryStorage() })] } });
}

describe('TokensPage', () => {
  it('lists the tokens with their state; only usable ones can be revoked', async () => {
    const page = mountPage(fakeServer());
    await flushPromises();
    const rows = page.findAll('tbody tr');
    expect(rows.map((r) => r.find('td').text())).toEqual(['旧笔记本', '已撤销']);
    expect(rows[0]!.text()).toContain('有效');
    expect(rows[1]!.text()).toContain('已撤销');
    expect(rows[0]!.find('button').exists()).toBe(true);
    expect(rows[1]!.find('button').exists()).toBe(false);
  });

  it('creates a token with a label and lifetime, and shows its text once', async () => {
    const server = fakeServer();
    const page = mountPage(server);
    await flushPromises();
    expect(page.find('[data-testid="new-token"]').exists()).toBe(false);
    await page.get('input[name="label"]').setValue('  办公室 QGIS ');
    await page.get('select[name="lifetime"]').setValue('d30');
    await page.get('form').trigger('submit');
    await flushPromises();
    expect(server.calls).toContain('POST /api/auth/tokens');
    expect(page.get('[data-testid="new-token"]').text()).toBe('qbt_the-secret-shown-once');
    expect(page.findAll('tbody tr').map((r) => r.find('td').text())).toContain('办公室 QGIS');
    expect((page.get('input[name="label"]').element as HTMLInputElement).value).toBe('');
  });

  it('revokes a token after asking, and not when the answer is no', async () => {
    const server = fakeServer();
    const refusing = mountPage(server, () => false);
    await flushPromises();
    await refusing.get('tbody tr button').trigger('click');
    await flushPromises();
    expect(server.calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);

    const page = mountPage(server);
    await flushPromises();
    await page.get('tbody tr button').trigger('click');
    await flushPromises();
    expect(server.calls).toContain('DELETE /api/auth/tokens/1');
    expect(page.findAll('tbody tr')[0]!.text()).toContain('已撤销');
  });
});
