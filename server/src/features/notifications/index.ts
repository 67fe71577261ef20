export { createNotificationsFeature, WEBHOOK_SEND_LIMITS, type NotificationsFeature, type NotificationsFeatureDeps } from './feature';
export { DELIVERY_RETRY, retryDelayMs } from './delivery-worker';
export { buildRequest, dingtalkSign, feishuSign, SIGNATURE_HEADER, type PublicCase, type WebhookPayload } from './robot-messages';
export type { Sender, SendResult } from './webhook-sender';
export { webhookUrlProblem } from './webhook-url';
