import { describe, expect, it } from 'vitest';
import { paddingBeside } from './fitView';

const rect = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height }) as DOMRect;

describe('paddingBeside', () => {
  const map = rect(300, 48, 1140, 852);

  it('keeps results left of a side dock', () => {
    expect(paddingBeside(rect(1068, 100, 360, 600), map)).toEqual({ top: 48, right: 1440 - 1068 + 24, bottom: 24, left: 24 });
  });

  it('keeps results above a bottom sheet on a phone', () => {
    const phone = rect(0, 48, 390, 796);
    expect(paddingBeside(rect(0, 500, 390, 344), phone)).toEqual({ top: 48, right: 24, bottom: 844 - 500 + 24, left: 24 });
  });

  it('uses a plain margin without a panel', () => {
    expect(paddingBeside(undefined, map)).toEqual({ top: 48, right: 24, bottom: 24, left: 24 });
  });
});
