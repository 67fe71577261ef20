import { describe, expect, it } from 'vitest';
import type { NotificationLiveEvent } from '@shared/notifications';
import { createEventBus, type LiveEvent } from './event-bus';

const note = (id: number): NotificationLiveEvent => ({
  notification: { id, event: 'case.dispatched', caseId: 1, caseNumber: 'QB2026-000001', data: {}, createdAt: '2026-12-07T08:00:00.000Z', read: false },
  unread: 1,
});

describe('the event bus', () => {
  it('sends an event with a recipient to that user\'s subscribers only, and replays it to them only', () => {
    const bus = createEventBus();
    const got: Record<string, string[]> = { seven: [], eight: [], anonymous: [] };
    const record = (who: string) => (e: LiveEvent | null) => e && got[who]!.push(`${e.type}#${e.id}`);
    bus.subscribe(record('seven'), 7);
    bus.subscribe(record('eight'), 8);
    bus.subscribe(record('anonymous'));
    bus.publish('layer.changed', { layerId: 'cases', version: 2 });
    bus.publish('notification', note(1), 7);
    bus.publish('notification', note(2), 8);
    expect(got).toEqual({
      seven: ['layer.changed#1', 'notification#2'],
      eight: ['layer.changed#1', 'notification#3'],
      anonymous: ['layer.changed#1'],
    });
    expect(bus.since(0, 7).map((e) => e.id)).toEqual([1, 2]);
    expect(bus.since(0).map((e) => e.id)).toEqual([1]);
  });
});
