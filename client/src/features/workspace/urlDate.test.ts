import { describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from './urlState';

describe('the time slider date in the /map link', () => {
  it('round-trips as `t`', () => {
    const query = encodeUrlState({ filters: {}, asOf: '2011-06-01' });
    expect(query).toEqual({ t: '2011-06-01' });
    expect(decodeUrlState(query as never).asOf).toBe('2011-06-01');
  });

  it('is left out when the slider is off and dropped when it is not a real date', () => {
    expect(encodeUrlState({ filters: {} })).toEqual({});
    for (const t of ['2011-02-30', '2011-6-1', 'today', '']) expect(decodeUrlState({ t }).asOf).toBeUndefined();
  });
});
