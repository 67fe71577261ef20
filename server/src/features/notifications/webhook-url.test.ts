import { describe, expect, it } from 'vitest';
import { maskedUrl, webhookUrlProblem } from './webhook-url';

const HOSTS = ['oapi.dingtalk.com', 'hooks.example.cn:8443', '127.0.0.1:9000'];

describe('webhook URLs', () => {
  it('go only to listed hosts, over https (http to a listed loopback host only)', () => {
    expect(webhookUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=x', HOSTS)).toBeUndefined();
    expect(webhookUrlProblem('https://hooks.example.cn:8443/in', HOSTS)).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:9000/in', HOSTS)).toBeUndefined();
    expect(webhookUrlProblem('https://oapi.dingtalk.com:8443/robot/send', HOSTS)).toBe('host oapi.dingtalk.com:8443 is not in WEBHOOK_HOSTS (oapi.dingtalk.com, hooks.example.cn:8443, 127.0.0.1:9000)');
    expect(webhookUrlProblem('https://hooks.example.cn/in', HOSTS)).toMatch(/^host hooks\.example\.cn is not in WEBHOOK_HOSTS/);
    expect(webhookUrlProblem('http://oapi.dingtalk.com/robot/send', HOSTS)).toBe('plain http is allowed only to a loopback host: use https');
    expect(webhookUrlProblem('http://hooks.example.cn:8443/in', HOSTS)).toBe('plain http is allowed only to a loopback host: use https');
    expect(webhookUrlProblem('https://user:pw@oapi.dingtalk.com/robot/send', HOSTS)).toBe('credentials in the URL are not allowed');
    expect(webhookUrlProblem('ftp://oapi.dingtalk.com/x', HOSTS)).toBe('scheme ftp: not allowed: use https');
    expect(webhookUrlProblem('/robot/send', HOSTS)).toBe('not an absolute URL');
    expect(webhookUrlProblem('https://OAPI.dingtalk.com/robot/send', HOSTS)).toBeUndefined();
  });

  it('are shown with their query values hidden', () => {
    expect(maskedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
    expect(maskedUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/0123…');
  });
});
