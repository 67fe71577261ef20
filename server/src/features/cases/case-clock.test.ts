import { describe, expect, it } from 'vitest';
import { clockColour } from './case-clock';

describe('clockColour', () => {
  it.each([
    [0, 240, false, 'green'],
    [191, 240, false, 'green'],
    [192, 240, false, 'yellow'],
    [240, 240, false, 'yellow'],
    [240, 240, true, 'red'],
    [300, 240, true, 'red'],
    [0, 0, false, 'green'],
  ] as const)('%s of %s minutes (past deadline: %s) is %s', (elapsed, limit, past, colour) => {
    expect(clockColour(elapsed, limit, past)).toBe(colour);
  });
});
