// Strict UTF-16 scanning and decoding (either byte order) for files that carry a UTF-16 BOM
// or declare `encoding: utf-16le|utf-16be`. Unpaired surrogates are bad sequences.
import type { ScanResult } from './read-utf8.ts';

export function scanUtf16(b: Uint8Array, littleEndian: boolean, final: boolean): ScanResult {
  const n = b.length;
  let i = 0;
  const unit = (at: number) => (littleEndian ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
  while (i + 1 < n) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return { bad: i, end: i };
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= n) return final ? { bad: i, end: i } : { bad: -1, end: i };
      const v = unit(i + 2);
      if (v < 0xdc00 || v > 0xdfff) return { bad: i, end: i };
      i += 4;
      continue;
    }
    i += 2;
  }
  if (i < n && final) return { bad: i, end: i }; // odd trailing byte
  return { bad: -1, end: i };
}

export function decodeUtf16(b: Uint8Array, littleEndian: boolean): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (littleEndian) return buf.toString('utf16le');
  const swapped = Buffer.from(buf); // copy: never swap the caller's bytes in place
  swapped.swap16();
  return swapped.toString('utf16le');
}
