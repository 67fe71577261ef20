import { describe, expect, it } from 'vitest';
import { exifInstant, sniffImageType } from './photo-image';

describe('sniffImageType', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe1, 0, 0], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    [[...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')], 'image/webp'],
    [[...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WAVEfmt ')], undefined],
    [[...Buffer.from('GIF89a')], undefined],
    [[...Buffer.from('<svg')], undefined],
    [[0xff, 0xd8], undefined],
    [[], undefined],
  ])('tells %j is %s', (bytes, type) => {
    expect(sniffImageType(Buffer.from(bytes))).toBe(type);
  });
});

describe('exifInstant', () => {
  it('reads an EXIF time in its own offset, or in local time', () => {
    expect(exifInstant('2011:07:15 10:20:30', '+08:00', 0)).toBe('2011-07-15T02:20:30.000Z');
    expect(exifInstant('2011:07:15 10:20:30', undefined, 480)).toBe('2011-07-15T02:20:30.000Z');
    expect(exifInstant('2011:07:15 10:20:30', 'bogus', -300)).toBe('2011-07-15T15:20:30.000Z');
    expect(exifInstant('0000:00:00 00:00:00', undefined, 480)).toBeNull();
    expect(exifInstant(42, undefined, 480)).toBeNull();
  });
});
