import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, pgOf, type Db } from '../../db/database';
import { createTestDatabaseUrl } from '../../../../tests/helpers/test-db';
import type { EventBus, LiveEvent } from './event-bus';
import { createPgEventBus } from './pg-event-bus';

const opened: { bus: EventBus; db: Db }[] = [];
afterEach(async () => {
  for (const { bus, db } of opened.splice(0)) {
    await bus.close();
    db.close();
  }
});

/** A bus over its own connections to a database (to PostgreSQL, another process), with a subscriber unless `listen` is false. */
function busOn(url: string, listen = true): { bus: EventBus; db: Db; got: LiveEvent[] } {
  const db = openDatabase(url);
  const bus = createPgEventBus({ db, connectionString: pgOf(db).connectionString });
  opened.push({ bus, db });
  const got: LiveEvent[] = [];
  if (listen) bus.subscribe((e) => e && got.push(e));
  return { bus, db, got };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('timed out');
};
const layer = (version: number) => ({ layerId: 'cases', version });
const versions = (events: LiveEvent[]) => events.map((e) => (e.data as { version: number }).version);

describe('the PostgreSQL event bus', () => {
  it('delivers an event published by one process to the subscribers of another, once committed and never when rolled back', async () => {
    const url = createTestDatabaseUrl();
    const one = busOn(url);
    const two = busOn(url);
    await Promise.all([one.bus.ready(), two.bus.ready()]);
    one.bus.publish('layer.changed', layer(1));
    expect(() => one.db.transaction(() => {
      one.bus.publish('layer.changed', layer(2));
      throw new Error('the write fails');
    })()).toThrow('the write fails');
    one.db.transaction(() => {
      one.bus.publish('layer.changed', layer(3));
    })();
    await waitFor(() => two.got.length >= 2 && one.got.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(versions(two.got)).toEqual([1, 3]);
    expect(versions(one.got)).toEqual([1, 3]);
    expect(two.bus.since(0).map((e) => (e.data as { version: number }).version)).toEqual([1, 3]);
  });

  it('after losing its listening connection reconnects and delivers what was published meanwhile, each event once', async () => {
    const url = createTestDatabaseUrl();
    const writer = busOn(url, false);
    const reader = busOn(url);
    await reader.bus.ready();
    writer.bus.publish('layer.changed', layer(1));
    await waitFor(() => reader.got.length === 1);
    const cut = writer.db.prepare("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'qingbo-events' AND datname = current_database()").pluck().get();
    expect(cut).toBe(1);
    writer.bus.publish('layer.changed', layer(2));
    writer.bus.publish('layer.changed', layer(3));
    writer.bus.publish('layer.changed', layer(4), 7);
    await waitFor(() => reader.got.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(versions(reader.got)).toEqual([1, 2, 3]);
    expect(reader.bus.since(0, 7).map((e) => e.to)).toEqual([undefined, undefined, undefined, 7]);
  });

  it('gives a periodic job\'s lead to one process at a time, and to another once the holder is gone', async () => {
    const url = createTestDatabaseUrl();
    const one = busOn(url);
    const two = busOn(url);
    expect(await one.bus.lead('clock-refresh')).toBe(true);
    expect(await one.bus.lead('clock-refresh')).toBe(true);
    expect(await two.bus.lead('clock-refresh')).toBe(false);
    expect(await two.bus.lead('another-job')).toBe(true);
    await one.bus.close();
    expect(await two.bus.lead('clock-refresh')).toBe(true);
  });
});
