import { describe, expect, it } from 'vitest';
import { clockColour, clockView } from './clock';
import { sampleClock } from './testing';

const before = new Date('2011-06-01T09:00:00.000Z');

describe('deadline clock colour', () => {
  it('is green below 80 % of the limit, yellow from 80 % to the deadline, red past it', () => {
    expect(clockColour(sampleClock(0, 240), before)).toBe('green');
    expect(clockColour(sampleClock(191, 240), before)).toBe('green');
    expect(clockColour(sampleClock(192, 240), before)).toBe('yellow');
    expect(clockColour(sampleClock(240, 240), before)).toBe('yellow');
    expect(clockColour(sampleClock(241, 240), before)).toBe('red');
  });

  it('turns a running clock red once the deadline has passed, whatever the server counted', () => {
    const after = new Date('2011-06-01T10:00:01.000Z');
    expect(clockColour(sampleClock(100, 240), after)).toBe('red');
    expect(clockColour(sampleClock(100, 240, undefined, false), after), 'a stopped clock keeps its colour').toBe('green');
  });

  it('handles a zero limit', () => {
    expect(clockColour(sampleClock(0, 0), before)).toBe('green');
    expect(clockColour(sampleClock(1, 0), before)).toBe('red');
  });

  it('gives the used share, percent and hours for the UI, and null without a clock', () => {
    expect(clockView(sampleClock(300, 240), before)).toEqual({
      colour: 'red', share: 1, percent: 125, elapsedHours: 5, limitHours: 4, running: true, deadline: '2011-06-01T10:00:00.000Z',
    });
    expect(clockView(sampleClock(60, 240), before)?.share).toBe(0.25);
    expect(clockView(null)).toBeNull();
  });
});
