import type { NotificationEvent } from '@shared/notifications';

/** The message key of an event (`case.overdue` → `overdue`): vue-i18n reads dots in keys as nesting. */
export const eventKey = (event: NotificationEvent): string => event.slice('case.'.length);
