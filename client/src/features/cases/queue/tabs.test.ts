import { describe, expect, it } from 'vitest';
import type { QueuesAnswer } from '../types';
import { pickTab, tabsFor } from './tabs';

const counts = { reported: 2, registered: 1, dispatched: 0, handling: 3, feedback: 1, closed: 10, rejected: 0, void: 1 };
const answer = (queues: QueuesAnswer['queues']): QueuesAnswer => ({ counts, overdue: 1, queues });

describe('tabs of the cases page', () => {
  it('puts the role’s work queues first, then every case, then (for those who file) this device’s reports', () => {
    const supervisor = tabsFor('supervisor', answer([
      { key: 'to-register', states: ['reported'], action: 'register', count: 2, overdue: 0 },
      { key: 'to-verify', states: ['feedback'], action: 'close', count: 1, overdue: 0 },
    ]), 4);
    expect(supervisor.map((t) => [t.key, t.count])).toEqual([['to-register', 2], ['to-verify', 1], ['all', 18], ['mine', 4]]);
    expect(pickTab(supervisor, undefined)?.key, 'the first queue is the default').toBe('to-register');
    expect(pickTab(supervisor, 'mine')?.key).toBe('mine');
    expect(pickTab(supervisor, 'nonsense')?.key).toBe('to-register');
  });

  it('gives a leader (read-only) and a handler no outbox, and every case before the counts are known', () => {
    expect(tabsFor('leader', answer([]), 0).map((t) => t.key)).toEqual(['all']);
    expect(tabsFor('handler', answer([{ key: 'to-accept', states: ['dispatched'], action: 'accept', count: 0, overdue: 0 }]), 0).map((t) => t.key)).toEqual(['to-accept', 'all']);
    expect(tabsFor('inspector', null, 0)).toEqual([{ kind: 'all', key: 'all', count: null, overdue: null }, { kind: 'mine', key: 'mine', count: 0 }]);
  });
});
