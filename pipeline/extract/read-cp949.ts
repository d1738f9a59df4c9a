// Strict CP949 (Unified Hangul Code, a superset of EUC-KR) scanning. iconv-lite replaces an
// unmapped pair with U+FFFD silently, so validity is checked here against the exact set of
// pairs iconv-lite maps, derived once from its encoder (every mapped pair round-trips).
import iconv from 'iconv-lite';
import type { ScanResult } from './read-utf8.ts';

let pairs: Uint8Array | undefined;

/** 64 Ki bitmap-by-byte of valid lead*256+trail pairs, built lazily on first use. */
function validPairs(): Uint8Array {
  if (pairs) return pairs;
  const units = new Uint16Array(0x10000 - 0x80 - 0x800);
  let n = 0;
  for (let c = 0x80; c < 0x10000; c++) if (c < 0xd800 || c >= 0xe000) units[n++] = c;
  const all = Buffer.from(units.buffer, 0, n * 2).toString('utf16le');
  const bytes = iconv.encode(all, 'cp949');
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) i++; // ASCII or '?' for characters CP949 cannot encode
    else (table[bytes[i]! * 256 + bytes[i + 1]!] = 1), (i += 2);
  }
  pairs = table;
  return table;
}

/** Scan a chunk (same contract as `scanUtf8`). CP949 has no valid single byte above 0x7F. */
export function scanCp949(b: Uint8Array, final: boolean): ScanResult {
  const table = validPairs();
  const n = b.length;
  let i = 0;
  while (i < n) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    if (x < 0x81 || x > 0xfe) return { bad: i, end: i };
    if (i + 1 >= n) return final ? { bad: i, end: i } : { bad: -1, end: i };
    if (!table[x * 256 + b[i + 1]!]) return { bad: i, end: i };
    i += 2;
  }
  return { bad: -1, end: n };
}

export function decodeCp949(b: Uint8Array): string {
  return iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'cp949');
}
