import { HttpError } from '../../errors';

/** Text of an uploaded file and how it was decoded. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

/**
 * Decodes a file's bytes: UTF-8 with or without a BOM; bytes that are not UTF-8 are read as
 * GB18030 (what spreadsheet programs on Chinese Windows save as "CSV"), when they decode cleanly.
 * @throws 400 `empty_file` for no bytes, `bad_encoding` for bytes that are neither.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new HttpError(400, 'empty_file', 'the file is empty');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new HttpError(400, 'bad_encoding', 'the file is not text in UTF-8 (save it as "CSV UTF-8" or GeoJSON)');
    }
  }
}
