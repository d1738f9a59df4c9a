// Strict UTF-8 scanning for the streaming decoder: where do the complete characters of a
// chunk end, and where is the first bad sequence? Node's native `isUtf8` answers the common
// case (valid text) quickly; the byte loop runs only to find the offset of a bad sequence.
import { isUtf8 } from 'node:buffer';

/**
 * `bad`: index of the first byte of the first invalid sequence, or -1.
 * `end`: when valid, the index where complete characters end; the bytes after it are the start
 * of a character that continues in the next chunk (only when not `final`).
 */
export interface ScanResult {
  bad: number;
  end: number;
}

/** Scan a chunk. With `final`, a sequence cut off by the end of input is bad. */
export function scanUtf8(bytes: Uint8Array, final: boolean): ScanResult {
  const tail = incompleteTailStart(bytes);
  if (isUtf8(bytes.subarray(0, tail))) {
    if (tail < bytes.length && final) return { bad: tail, end: tail };
    return { bad: -1, end: tail };
  }
  return slowScan(bytes, final);
}

/** Index where a trailing, not yet complete multibyte sequence begins (length if none). */
function incompleteTailStart(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const x = b[n - k]!;
    if (x < 0x80) return n;
    if (x < 0xc0) continue; // continuation byte: keep looking for its lead
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
    return need > k ? n - k : n;
  }
  return n;
}

/** Byte-by-byte validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
function slowScan(b: Uint8Array, final: boolean): ScanResult {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x === 0xe0) (need = 2), (lo = 0xa0);
    else if (x === 0xed) (need = 2), (hi = 0x9f);
    else if (x >= 0xe1 && x <= 0xef) need = 2;
    else if (x === 0xf0) (need = 3), (lo = 0x90);
    else if (x >= 0xf1 && x <= 0xf3) need = 3;
    else if (x === 0xf4) (need = 3), (hi = 0x8f);
    else return { bad: i, end: i };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? { bad: i, end: i } : { bad: -1, end: i };
      const c = b[i + k]!;
      const ok = k === 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xbf;
      if (!ok) return { bad: i, end: i };
    }
    i += need + 1;
  }
  return { bad: -1, end: n };
}
