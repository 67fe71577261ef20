import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRequest, type WebhookPayload } from './robot-messages';

const PAYLOAD: WebhookPayload = {
  event: 'case.overdue',
  at: '2026-12-07T08:00:00.000Z',
  case: {
    id: 12, number: 'QB2026-000012', state: 'handling', category: 'E01-03', categoryName: { zh: '道路不洁', en: 'Dirty road surface' },
    community: '330102001055', communityName: '清河坊社区', department: 'sanitation', deadline: '2026-12-07T10:00:00.000Z', url: 'https://map.example.cn/cases/12',
  },
};
const NOW = new Date('2026-12-07T08:00:05.123Z');

describe('robot messages', () => {
  it('post a WeCom markdown message to the robot URL as it is', () => {
    const r = buildRequest({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1', secret: null }, PAYLOAD, NOW);
    expect(r.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1');
    const body = JSON.parse(r.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toBe([
      '【清波一张图】案卷已超时（红灯）：QB2026-000012',
      '类别：道路不洁',
      '社区：清河坊社区，处置部门：环卫所',
      '处置时限：2026-12-07T10:00:00.000Z',
      'https://map.example.cn/cases/12',
    ].join('\n'));
  });

  it('sign a Feishu text message in its body with seconds and a key made of the timestamp and secret', () => {
    const r = buildRequest({ kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc', secret: 'fs-secret' }, PAYLOAD, NOW);
    const body = JSON.parse(r.body) as { timestamp: string; sign: string; msg_type: string; content: { text: string } };
    expect(body.timestamp).toBe('1796630405');
    expect(body.sign).toBe(createHmac('sha256', '1796630405\nfs-secret').update('').digest('base64'));
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('QB2026-000012');
    const unsigned = JSON.parse(buildRequest({ kind: 'feishu', url: 'https://open.feishu.cn/x', secret: null }, PAYLOAD, NOW).body) as Record<string, unknown>;
    expect(Object.keys(unsigned)).toEqual(['msg_type', 'content']);
  });

  it('sign a DingTalk URL with milliseconds, URL-encoded, keeping its access token', () => {
    const r = buildRequest({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECx' }, PAYLOAD, NOW);
    const url = new URL(r.url);
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toBe('1796630405123');
    const sign = createHmac('sha256', 'SECx').update('1796630405123\nSECx').digest('base64');
    expect(url.searchParams.get('sign')).toBe(sign);
    expect(r.url).toContain(`sign=${encodeURIComponent(sign)}`);
  });
});
