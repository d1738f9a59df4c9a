// Zip inspection done before SheetJS sees a workbook. SheetJS inflates every entry to its end
// whatever sizes the zip declares, so a zip bomb is stopped here: the declared uncompressed
// sizes in the central directory are summed against the limit, and each entry is then inflated
// as a stream (output discarded) and refused if it grows past its declared size. The same pass
// reads each worksheet's declared <dimension ref="A1:H14542"> for the cell-count limit.
import { createInflateRaw } from 'node:zlib';
import { XlsxError } from './xlsx-error.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Entries listed by the central directory; a missing or out-of-bounds directory means truncation. */
export function centralDirectory(bytes: Uint8Array, file: string): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const truncated = (what: string) => new XlsxError(file, `the workbook is truncated or damaged: ${what}`);
  let eocd = -1;
  for (let p = buf.length - 22; p >= 0 && p >= buf.length - 22 - MAX_COMMENT; p--) {
    if (buf.readUInt32LE(p) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw truncated('no zip end-of-central-directory record');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) throw truncated('bad zip64 end-of-central-directory record');
    count = Number(buf.readBigUInt64LE(at + 32));
    cdOffset = Number(buf.readBigUInt64LE(at + 48));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw truncated(`central directory entry ${i + 1} of ${count} is missing`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > buf.length) throw truncated(`central directory entry ${i + 1} is cut off`);
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      declaredSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    applyZip64(entry, buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    if (entry.localOffset + 30 > buf.length || buf.readUInt32LE(entry.localOffset) !== LOCAL) {
      throw truncated(`the data of ${entry.name} is missing`);
    }
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Zip64 extra field (id 1): 64-bit values for whichever 32-bit fields are saturated, in order. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const size = extra.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      const end = Math.min(q + 4 + size, extra.length);
      const next = (current: number): number => {
        if (current !== 0xffffffff || r + 8 > end) return current;
        r += 8;
        return Number(extra.readBigUInt64LE(r - 8));
      };
      entry.declaredSize = next(entry.declaredSize);
      entry.compressedSize = next(entry.compressedSize);
      entry.localOffset = next(entry.localOffset);
    }
    q += 4 + size;
  }
}

export interface InflateCheck {
  /** Uncompressed bytes actually produced (at most declared size + one chunk). */
  size: number;
  /** The first bytes of the content (worksheets: where <dimension> lives). */
  head: string;
}

/**
 * Inflate one entry the way SheetJS will (from the local header's data start to the end of the
 * deflate stream), discarding output, and stop as soon as it grows past its declared size.
 */
export async function checkEntry(bytes: Uint8Array, entry: ZipEntry, file: string, headBytes = 0): Promise<InflateCheck> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  const method = buf.readUInt16LE(local + 8);
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  if (method === 0) {
    const head = buf.toString('utf8', start, Math.min(start + headBytes, start + entry.compressedSize, buf.length));
    return { size: entry.compressedSize, head };
  }
  if (method !== 8) throw new XlsxError(file, `${entry.name} uses zip compression method ${method}; only stored and deflate are supported`);
  const inflate = createInflateRaw();
  inflate.end(buf.subarray(start));
  let size = 0;
  const head: Buffer[] = [];
  let headLen = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (headLen < headBytes) head.push(chunk), (headLen += chunk.length);
      if (size > entry.declaredSize) {
        inflate.destroy();
        throw new XlsxError(
          file,
          `${entry.name} inflates past its declared size of ${entry.declaredSize} bytes; refusing the workbook (zip bomb?)`,
        );
      }
    }
  } catch (err) {
    if (err instanceof XlsxError) throw err;
    throw new XlsxError(file, `the workbook is truncated or damaged: ${entry.name} does not inflate (${(err as Error).message})`);
  }
  return { size, head: Buffer.concat(head).toString('utf8', 0, Math.min(headLen, headBytes)) };
}

/** Cells declared by a worksheet's <dimension ref="...">, or undefined when it has none. */
export function declaredDimension(xmlHead: string): string | undefined {
  return /<(?:\w+:)?dimension\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/i.exec(xmlHead)?.[1];
}
