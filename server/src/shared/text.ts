import { z } from 'zod';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DEL = 0x7f;

/** The message a text field with a control character is refused with. */
export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters (U+0000–U+001F or U+007F other than tab and line breaks)';

/**
 * True when a string holds a C0 control character or DEL other than tab, line feed or carriage
 * return. SQLite's `length()` stops at NUL, and none of them belongs in text a person typed.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === DEL || (c < 0x20 && c !== TAB && c !== LINE_FEED && c !== CARRIAGE_RETURN)) return true;
  }
  return false;
}

/** Typed text: trimmed, `min`–`max` characters, no control characters (refused, not stripped). */
export function plainText(min: number, max: number) {
  return z.string().trim().min(min).max(max).refine((s) => !hasControlCharacters(s), CONTROL_CHARACTERS_MESSAGE);
}
