import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { DecodeError, decodeBytes, decodeStream, StreamDecoder } from '../../pipeline/extract/decode.ts';
import type { Encoding } from '../../pipeline/types.ts';
import { realData } from '../helpers/paths.ts';

/** Decode in chunks of `size` bytes (so boundaries fall inside multibyte characters). */
function decodeChunked(bytes: Uint8Array, size: number, encoding: Encoding = 'auto'): { text: string; encoding: string } {
  const d = new StreamDecoder(encoding, 'chunked.csv');
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += d.write(bytes.subarray(i, i + size));
  text += d.end();
  return { text, encoding: d.encoding };
}

function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}

const KOREAN = '측정일시,측정소명,미세먼지농도(㎍/㎥)\n20180101,강남구,34\n20180101,강남대로,\n똠방각하 뷁 쀍\n';

describe('auto detection', () => {
  test('the real 2018 air-quality CSV is detected as CP949 and decodes exactly as iconv-lite does', () => {
    const bytes = readFileSync(realData('seoul-air-daily-2018.cp949.csv'));
    const d = new StreamDecoder('auto', 'air.csv');
    const text = d.write(bytes) + d.end();
    expect(d.encoding).toBe('cp949');
    expect(text).toBe(iconv.decode(bytes, 'cp949'));
    expect(text.startsWith('측정일시,측정소명,')).toBe(true);
  });

  test('valid UTF-8 without BOM is accepted as UTF-8', () => {
    expect(decodeChunked(Buffer.from(KOREAN), 1 << 16)).toEqual({ text: KOREAN, encoding: 'utf-8' });
  });

  test('BOMs select UTF-8, UTF-16LE and UTF-16BE and are stripped', () => {
    const be = Buffer.from(`\uFEFF${KOREAN}`, 'utf16le').swap16();
    expect(decodeChunked(Buffer.from(`\uFEFF${KOREAN}`), 1 << 16)).toEqual({ text: KOREAN, encoding: 'utf-8' });
    expect(decodeChunked(Buffer.from(`\uFEFF${KOREAN}`, 'utf16le'), 1 << 16)).toEqual({ text: KOREAN, encoding: 'utf-16le' });
    expect(decodeChunked(be, 1 << 16)).toEqual({ text: KOREAN, encoding: 'utf-16be' });
  });

  test('UTF-16 without a BOM is recognised by its zero bytes', () => {
    expect(decodeChunked(Buffer.from(`date,gu\n${KOREAN}`, 'utf16le'), 5)).toEqual({ text: `date,gu\n${KOREAN}`, encoding: 'utf-16le' });
    expect(decodeChunked(Buffer.from(`date,gu\n${KOREAN}`, 'utf16le').swap16(), 5)).toEqual({ text: `date,gu\n${KOREAN}`, encoding: 'utf-16be' });
  });

  test('stays undecided through a long ASCII prefix, then detects CP949', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n'.repeat(5000)), iconv.encode('강남구,34\n', 'cp949')]);
    expect(decodeChunked(bytes, 4096)).toEqual({ text: `${'a,b\n'.repeat(5000)}강남구,34\n`, encoding: 'cp949' });
  });

  test('bytes that are neither UTF-8 nor CP949 fail with the file and the offset', () => {
    const bytes = Buffer.concat([Buffer.from('abc\nde'), Buffer.from([0xff, 0xfe, 0x41])]);
    const err = decodeError(() => decodeBytes(bytes, 'auto', 'bad.csv'));
    expect(err.offset).toBe(6);
    expect(err.line).toBe(2);
    expect(err.message).toContain('bad.csv:2 (byte 6)');
    expect(err.message).toContain('neither UTF-8 nor CP949');
  });

  test('a bad byte after the sniffed prefix still fails with its own offset, whatever the chunking', () => {
    const good = Buffer.from('강남구,서초구,송파구\n'.repeat(800)); // UTF-8, well past the sniff window
    const bytes = Buffer.concat([good, Buffer.from('x,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    for (const size of [1, 7, 4096, 1 << 20]) {
      const err = decodeError(() => decodeChunked(bytes, size));
      expect(err.offset).toBe(good.length + 2);
      expect(err.line).toBe(801);
      expect(err.message).toContain('invalid UTF-8 byte sequence 0xC3 0x28');
    }
  });

  test('an invalid CP949 pair deep in a CP949 file fails with its offset', () => {
    const good = iconv.encode('측정소,강남구\n'.repeat(1000), 'cp949');
    const bytes = Buffer.concat([good, Buffer.from([0xc9, 0x20])]); // 0xC9 0x20 is no CP949 character
    const err = decodeError(() => decodeChunked(bytes, 3));
    expect(err.offset).toBe(good.length);
    expect(err.line).toBe(1001);
    expect(err.message).toContain('invalid CP949 byte sequence 0xC9 0x20');
  });

  test('a UTF-8 character cut off at the end of the file is reported as such', () => {
    const full = Buffer.from('측정소\n강남');
    const err = decodeError(() => decodeBytes(full.subarray(0, full.length - 1), 'auto', 'cut.csv'));
    expect(err.offset).toBe(full.length - 3);
    expect(err.message).toContain('cut off at the end of the file');
  });
});

describe('declared encodings', () => {
  test('a CP949 file declared utf-8 fails with the offset and a hint', () => {
    const bytes = Buffer.concat([Buffer.from('date,value\n'), iconv.encode('강남구,34\n', 'cp949')]);
    const err = decodeError(() => decodeBytes(bytes, 'utf-8', 'air.csv'));
    expect(err.offset).toBe(11);
    expect(err.line).toBe(2);
    expect(err.message).toContain('air.csv:2 (byte 11)');
    expect(err.message).toContain('this looks like CP949; set encoding: cp949 or auto');
  });

  test('the real CP949 file declared utf-8 fails at byte 0 with the hint', () => {
    const err = decodeError(() => decodeBytes(readFileSync(realData('seoul-air-daily-2018.cp949.csv')), 'utf-8', 'air.csv'));
    expect(err.offset).toBe(0);
    expect(err.hint).toBe('this looks like CP949; set encoding: cp949 or auto');
  });

  test('explicit cp949 and euc-kr decode; a UTF-8 BOM under cp949 is refused', () => {
    const bytes = iconv.encode(KOREAN, 'cp949');
    expect(decodeBytes(bytes, 'cp949', 'x.csv')).toBe(KOREAN);
    expect(decodeBytes(bytes, 'euc-kr', 'x.csv')).toBe(KOREAN);
    const err = decodeError(() => decodeBytes(Buffer.from(`\uFEFF${KOREAN}`), 'cp949', 'x.csv'));
    expect(err.message).toContain('set encoding: utf-8 or auto');
  });

  test('explicit utf-8 strips a BOM; explicit utf-16 works without one', () => {
    expect(decodeBytes(Buffer.from(`\uFEFF${KOREAN}`), 'utf-8', 'x')).toBe(KOREAN);
    expect(decodeBytes(Buffer.from(KOREAN, 'utf16le'), 'utf-16le', 'x')).toBe(KOREAN);
    expect(decodeBytes(Buffer.from(KOREAN, 'utf16le').swap16(), 'utf-16be', 'x')).toBe(KOREAN);
  });

  test('an unpaired UTF-16 surrogate fails with its offset', () => {
    const bytes = Buffer.concat([Buffer.from('ab', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(decodeError(() => decodeBytes(bytes, 'utf-16le', 'x')).offset).toBe(4);
  });
});

describe('chunk boundaries never split a character', () => {
  const text = `${KOREAN}이모지 😀 끝\n`;
  const cases: [string, Buffer, Encoding][] = [
    ['utf-8', Buffer.from(text), 'auto'],
    ['utf-8 declared', Buffer.from(text.replace('😀', '')), 'utf-8'],
    ['cp949', iconv.encode(text.replace('😀', ''), 'cp949'), 'auto'],
    ['utf-16le', Buffer.from(`\uFEFF${text}`, 'utf16le'), 'auto'],
    ['utf-16be', Buffer.from(`\uFEFF${text}`, 'utf16le').swap16(), 'auto'],
  ];
  test.each(cases)('%s: every chunk size from 1 to 9 bytes gives the same text', (_, bytes, encoding) => {
    const whole = decodeBytes(bytes, encoding, 'x');
    expect(whole).toContain('강남대로');
    for (let size = 1; size <= 9; size++) expect(decodeChunked(bytes, size, encoding).text).toBe(whole);
  });

  test('decodeStream yields whole characters for chunks split inside Hangul', async () => {
    const bytes = Buffer.from('가나다라마바사');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 2) yield bytes.subarray(i, i + 2); // 3-byte chars, 2-byte chunks
    }
    const parts: string[] = [];
    for await (const part of decodeStream(chunks(), 'auto', 'x')) parts.push(part);
    expect(parts.join('')).toBe('가나다라마바사');
    expect(parts.every((p) => !p.includes('\uFFFD'))).toBe(true);
  });
});
