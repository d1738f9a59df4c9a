// Streaming text decoding for departmental files. Korean agencies publish UTF-8 (with or
// without BOM), CP949/EUC-KR, and now and then UTF-16 from Excel's "Unicode text" export.
// `auto` honours a BOM (or the zero bytes of BOM-less UTF-16 ASCII), else stays undecided
// through plain ASCII and, at the first non-ASCII byte, sniffs a fixed window: valid UTF-8
// wins, else valid CP949, else the file is refused. After the decision every later byte is
// still checked, so a bad byte anywhere fails with its offset. Chunks are cut only at
// character boundaries; a character split across chunks is carried over to the next one.
import type { Encoding } from '../types.ts';
import { InputError } from '../errors.ts';
import { scanUtf8, type ScanResult } from './read-utf8.ts';
import { decodeCp949, scanCp949 } from './read-cp949.ts';
import { decodeUtf16, scanUtf16 } from './read-utf16.ts';

export type DetectedEncoding = 'utf-8' | 'cp949' | 'utf-16le' | 'utf-16be';

/** Bytes that are neither valid in the declared nor in any detectable encoding. */
export class DecodeError extends InputError {
  constructor(
    readonly file: string,
    /** 0-based byte offset of the first byte of the bad sequence. */
    readonly offset: number,
    /** 1-based line of the bad sequence (counted in newlines before it). */
    readonly line: number,
    detail: string,
    readonly hint?: string,
  ) {
    super(`${file}:${line} (byte ${offset})`, hint ? `${detail}; ${hint}` : detail);
    this.name = 'DecodeError';
  }
}

/** Bytes of undecided input gathered after the first non-ASCII byte before choosing. */
const SNIFF_BYTES = 4096;
const EMPTY = new Uint8Array(0);

type Mode = DetectedEncoding | 'undecided';

export class StreamDecoder {
  private pending: Uint8Array = EMPTY;
  /** Absolute offset of pending[0] and the line it is on. */
  private offset = 0;
  private line = 1;
  private bomChecked = false;
  private mode: Mode;

  constructor(
    private readonly declared: Encoding,
    private readonly file: string,
  ) {
    this.mode = declared === 'auto' ? 'undecided' : declared === 'euc-kr' ? 'cp949' : declared;
  }

  /** The encoding in use (auto: as detected; pure ASCII so far reads as utf-8). */
  get encoding(): DetectedEncoding {
    return this.mode === 'undecided' ? 'utf-8' : this.mode;
  }

  write(chunk: Uint8Array): string {
    this.pending = this.pending.length ? concat(this.pending, chunk) : chunk;
    return this.drain(false);
  }

  end(): string {
    const out = this.drain(true);
    this.pending = EMPTY;
    return out;
  }

  private drain(final: boolean): string {
    if (!this.bomChecked) {
      if (this.pending.length < 4 && !final) return '';
      this.checkBom();
    }
    let out = '';
    if (this.mode === 'undecided') {
      const b = this.pending;
      let k = 0;
      while (k < b.length && b[k]! < 0x80) k++;
      out = this.take(k, Buffer.from(b.buffer, b.byteOffset, k).toString('latin1'));
      if (this.pending.length === 0 || (this.pending.length < SNIFF_BYTES && !final)) return out;
      this.mode = this.sniff();
    }
    return out + this.decodeConcrete(final);
  }

  private checkBom(): void {
    this.bomChecked = true;
    const b = this.pending;
    const bom = byteOrderMark(b);
    const utf8Bom = bom === 'utf-8';
    const le = bom === 'utf-16le';
    const be = bom === 'utf-16be';
    if (this.mode === 'undecided') {
      if (utf8Bom) (this.mode = 'utf-8'), this.take(3, '');
      else if (le) (this.mode = 'utf-16le'), this.take(2, '');
      else if (be) (this.mode = 'utf-16be'), this.take(2, '');
      // No BOM, but ASCII text in UTF-16 shows as every other byte zero (CSV text has no NULs).
      else if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) this.mode = 'utf-16le';
      else if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0) this.mode = 'utf-16be';
    } else if (this.mode === 'utf-8' && utf8Bom) this.take(3, '');
    else if ((this.mode === 'utf-16le' && le) || (this.mode === 'utf-16be' && be)) this.take(2, '');
    else if (this.mode === 'cp949' && utf8Bom) {
      throw new DecodeError(this.file, 0, 1, `file starts with a UTF-8 byte-order mark but ${this.declared === 'euc-kr' ? 'EUC-KR' : 'CP949'} was declared`, 'set encoding: utf-8 or auto');
    }
  }

  /** Choose UTF-8 or CP949 for the pending window, or refuse the file. */
  private sniff(): DetectedEncoding {
    // A character cut off by the end of input still counts as "looks like" here; the
    // concrete decoder then reports it as cut off at its offset.
    // Only a fixed window decides, so the outcome never depends on how input was chunked.
    const window = this.pending.subarray(0, SNIFF_BYTES);
    const u = scanUtf8(window, false);
    if (u.bad < 0) return 'utf-8';
    const c = scanCp949(window, false);
    if (c.bad < 0) return 'cp949';
    // Report the later failure: the encoding that read further is the likelier intent.
    const bad = Math.max(u.bad, c.bad);
    const detail =
      u.bad === c.bad
        ? `neither UTF-8 nor CP949: bytes ${hex(this.pending, bad)}`
        : `neither UTF-8 (bad sequence at byte ${this.offset + u.bad}: ${hex(this.pending, u.bad)}) ` +
          `nor CP949 (bad sequence at byte ${this.offset + c.bad}: ${hex(this.pending, c.bad)})`;
    throw new DecodeError(this.file, this.offset + bad, this.lineAt(bad), detail);
  }

  private decodeConcrete(final: boolean): string {
    const b = this.pending;
    const mode = this.mode as DetectedEncoding;
    const r = scan(mode, b, final);
    if (r.bad >= 0) throw this.badSequence(mode, r.bad, final);
    return this.take(r.end, decode(mode, b.subarray(0, r.end)));
  }

  private badSequence(mode: DetectedEncoding, bad: number, final: boolean): DecodeError {
    const b = this.pending;
    const name = mode === 'utf-8' ? 'UTF-8' : mode === 'cp949' ? (this.declared === 'euc-kr' ? 'EUC-KR' : 'CP949') : mode.toUpperCase();
    // A sequence that is a valid prefix but meets the end of input was cut off, not garbled.
    const cutOff = final && scan(mode, b.subarray(bad), false).bad < 0;
    const detail = cutOff
      ? `${name} character cut off at the end of the file (${hex(b, bad)})`
      : `invalid ${name} byte sequence ${hex(b, bad)}`;
    let hint: string | undefined;
    const window = b.subarray(bad, bad + SNIFF_BYTES);
    if (!cutOff && mode === 'utf-8' && scanCp949(window, false).bad < 0) {
      hint = this.declared === 'auto'
        ? 'the file began like UTF-8 but this part looks like CP949; a file must use one encoding'
        : 'this looks like CP949; set encoding: cp949 or auto';
    } else if (!cutOff && mode === 'cp949' && scanUtf8(b.subarray(utf8Start(b, bad), bad + SNIFF_BYTES), false).bad < 0) {
      hint = this.declared === 'auto'
        ? 'the file began like CP949 but this part looks like UTF-8; a file must use one encoding'
        : `this file is UTF-8, not ${name}; set encoding: utf-8 or auto`;
    }
    return new DecodeError(this.file, this.offset + bad, this.lineAt(bad), detail, hint);
  }

  /** Consume n pending bytes whose decoded text is `text`; keeps offset and line current. */
  private take(n: number, text: string): string {
    this.pending = this.pending.subarray(n);
    this.offset += n;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.line++;
    return text;
  }

  /** Line of pending[i]; the bytes before i are valid in the current encoding. */
  private lineAt(i: number): number {
    const before = this.pending.subarray(0, i);
    let line = this.line;
    if (this.mode === 'utf-16le' || this.mode === 'utf-16be') {
      const text = decode(this.mode, before.subarray(0, i & ~1));
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) line++;
    } else {
      for (let k = before.indexOf(0x0a); k >= 0; k = before.indexOf(0x0a, k + 1)) line++;
    }
    return line;
  }
}

function scan(mode: DetectedEncoding, b: Uint8Array, final: boolean): ScanResult {
  if (mode === 'utf-8') return scanUtf8(b, final);
  if (mode === 'cp949') return scanCp949(b, final);
  return scanUtf16(b, mode === 'utf-16le', final);
}

function decode(mode: DetectedEncoding, b: Uint8Array): string {
  if (mode === 'utf-8') return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  if (mode === 'cp949') return decodeCp949(b);
  return decodeUtf16(b, mode === 'utf-16le');
}

/** The encoding a byte-order mark at the start of `b` names, if there is one. */
export function byteOrderMark(b: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Decode a stream of byte chunks into text chunks. */
export async function* decodeStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, encoding: Encoding, file: string): AsyncGenerator<string> {
  const decoder = new StreamDecoder(encoding, file);
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Decode a whole buffer (JSON bodies, samples). */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding, file: string): string {
  const decoder = new StreamDecoder(encoding, file);
  return decoder.write(bytes) + decoder.end();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Up to four bytes from `at`, as `0xB0 0xA1`. */
function hex(b: Uint8Array, at: number): string {
  return Array.from(b.subarray(at, at + 4), (x) => `0x${x.toString(16).toUpperCase().padStart(2, '0')}`).join(' ') || '(end of file)';
}

/** Where the UTF-8 character holding byte `at` starts: a bad CP949 pair is often the middle of one. */
function utf8Start(b: Uint8Array, at: number): number {
  let i = at;
  while (i > 0 && at - i < 3 && (b[i]! & 0xc0) === 0x80) i--;
  return i;
}
