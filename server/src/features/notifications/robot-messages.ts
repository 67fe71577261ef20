import { createHmac } from 'node:crypto';
import { DEPARTMENT_NAMES, type Department } from '@shared/cases';
import type { NotificationEvent, WebhookKind } from '@shared/notifications';

/** The public fields of a case a webhook carries (never its description, photos or the reporter's contact). */
export interface PublicCase {
  id: number;
  number: string;
  state: string;
  category: string;
  categoryName: { zh: string; en: string } | null;
  community: string | null;
  communityName: string | null;
  department: string | null;
  deadline: string | null;
  /** The case page, when `PUBLIC_BASE_URL` is set. */
  url: string | null;
}

/** What a delivery sends: the event, when it happened and the case. */
export interface WebhookPayload {
  event: NotificationEvent;
  at: string;
  case: PublicCase;
}

/** One HTTP request to send. */
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The header carrying a generic webhook's signature. */
export const SIGNATURE_HEADER = 'X-Qingbo-Signature';

const HEADLINES: Record<NotificationEvent, string> = {
  'case.dispatched': '案卷已派遣',
  'case.feedback': '处置已反馈，待核查',
  'case.returned': '案卷被退回返工',
  'case.deadline_near': '案卷即将超时（黄灯）',
  'case.overdue': '案卷已超时（红灯）',
};

/** The short Chinese text a group robot posts (the groups are the district's own). */
export function messageText(p: WebhookPayload): string {
  const c = p.case;
  const department = c.department ? (DEPARTMENT_NAMES[c.department as Department]?.zh ?? c.department) : '—';
  const lines = [
    `【清波一张图】${HEADLINES[p.event]}：${c.number}`,
    `类别：${c.categoryName?.zh ?? c.category}`,
    `社区：${c.communityName ?? '—'}，处置部门：${department}`,
    ...(c.deadline ? [`处置时限：${c.deadline}`] : []),
    ...(c.url ? [c.url] : []),
  ];
  return lines.join('\n');
}

/**
 * The request of one delivery, in the format its kind expects. `now` signs it.
 * - `wecom`: 企业微信 group robot, `POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` with
 *   `{ msgtype: 'markdown', markdown: { content } }` (developer.work.weixin.qq.com/document/path/91770).
 * - `dingtalk`: custom robot, `POST https://oapi.dingtalk.com/robot/send?access_token=…` with
 *   `{ msgtype: 'text', text: { content } }`; with a secret (加签) the query also gets `timestamp` (ms) and
 *   `sign` = base64(HMAC-SHA256(key secret, `${timestamp}\n${secret}`)), URL-encoded
 *   (open.dingtalk.com/document/robots/customize-robot-security-settings).
 * - `feishu`: custom bot, `POST https://open.feishu.cn/open-apis/bot/v2/hook/…` with
 *   `{ msg_type: 'text', content: { text } }`; with a secret (签名校验) the body also gets `timestamp` (seconds) and
 *   `sign` = base64(HMAC-SHA256 keyed with `${timestamp}\n${secret}` over an empty message)
 *   (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot).
 * - `generic`: the payload as JSON, signed `X-Qingbo-Signature: sha256=<hex HMAC-SHA256(secret, body)>` when a secret is set,
 *   with `X-Qingbo-Event` and `X-Qingbo-Timestamp`.
 */
export function buildRequest(hook: { kind: WebhookKind; url: string; secret: string | null }, p: WebhookPayload, now: Date): OutboundRequest {
  const json = { 'Content-Type': 'application/json; charset=utf-8' };
  const text = messageText(p);
  switch (hook.kind) {
    case 'wecom':
      return { url: hook.url, headers: json, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text } }) };
    case 'dingtalk': {
      const url = new URL(hook.url);
      if (hook.secret) {
        const timestamp = String(now.getTime());
        url.searchParams.set('timestamp', timestamp);
        url.searchParams.set('sign', dingtalkSign(hook.secret, timestamp));
      }
      return { url: url.toString(), headers: json, body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
    }
    case 'feishu': {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const signed = hook.secret ? { timestamp, sign: feishuSign(hook.secret, timestamp) } : {};
      return { url: hook.url, headers: json, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text } }) };
    }
    case 'generic': {
      const body = JSON.stringify(p);
      const headers: Record<string, string> = { ...json, 'X-Qingbo-Event': p.event, 'X-Qingbo-Timestamp': String(Math.floor(now.getTime() / 1000)) };
      if (hook.secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`;
      return { url: hook.url, headers, body };
    }
  }
}

/** DingTalk's `sign`: base64(HMAC-SHA256 keyed with the secret over `${timestamp}\n${secret}`). */
export function dingtalkSign(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Feishu's `sign`: base64(HMAC-SHA256 keyed with `${timestamp}\n${secret}` over nothing). */
export function feishuSign(secret: string, timestamp: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}
