import { isUtf8 } from 'node:buffer';
import { HttpError } from '../../errors';
import type { Slicer } from './slicer';

/** Text of an uploaded file and how it was decoded. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

/** Bytes decoded at once between two chances to yield (about 1 ms of work each). */
const CHUNK = 512 * 1024;

async function decodeAs(bytes: Uint8Array, encoding: DecodedText['encoding'], slicer: Slicer): Promise<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) {
    parts.push(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: at + CHUNK < bytes.length }));
    await slicer.pause();
  }
  return parts.join('');
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes a file's bytes: UTF-8 with or without a BOM (checked and decoded natively, a few
 * milliseconds for 10 MB); bytes that are not UTF-8 are read as GB18030 (what spreadsheet programs
 * on Chinese Windows save as "CSV"), in slices, when they decode cleanly.
 * @throws 400 `empty_file` for no bytes, `bad_encoding` for bytes that are neither.
 */
export async function decodeText(bytes: Uint8Array, slicer: Slicer): Promise<DecodedText> {
  if (bytes.length === 0) throw new HttpError(400, 'empty_file', 'the file is empty');
  if (isUtf8(bytes)) {
    const start = BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8'), encoding: 'utf-8' };
  }
  try {
    return { text: await decodeAs(bytes, 'gb18030', slicer), encoding: 'gb18030' };
  } catch {
    throw new HttpError(400, 'bad_encoding', 'the file is not text in UTF-8 (save it as "CSV UTF-8" or GeoJSON)');
  }
}
