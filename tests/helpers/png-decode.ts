// A PNG decoder for tests (8-bit greyscale, RGB or RGBA, non-interlaced: what resvg writes), so
// a test can look at the pixels of a downloaded image instead of trusting its header.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row after row. */
  pixels: Uint8Array;
}

export function decodePng(png: Uint8Array): DecodedPng {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error(`unsupported PNG: bit depth ${data[8]}, interlace ${data[12]}`);
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  let line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start]!;
    line.set(raw.subarray(start + 1, start + 1 + stride));
    const bpp = channels;
    switch (filter) {
      case 0: break;
      case 1: for (let i = bpp; i < stride; i++) line[i] = (line[i]! + line[i - bpp]!) & 0xff; break;
      case 2: for (let i = 0; i < stride; i++) line[i] = (line[i]! + prev[i]!) & 0xff; break;
      case 3: for (let i = 0; i < stride; i++) line[i] = (line[i]! + (((i >= bpp ? line[i - bpp]! : 0) + prev[i]!) >> 1)) & 0xff; break;
      case 4:
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? line[i - bpp]! : 0;
          const b = prev[i]!;
          const c = i >= bpp ? prev[i - bpp]! : 0;
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          line[i] = (line[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
        }
        break;
      default: throw new Error(`bad PNG filter ${filter} in row ${y}`);
    }
    const row = y * width * 4;
    if (channels === 4) out.set(line, row);
    else {
      for (let x = 0; x < width; x++) {
        const s = x * channels;
        const d = row + x * 4;
        const grey = channels <= 2;
        out[d] = line[s]!;
        out[d + 1] = grey ? line[s]! : line[s + 1]!;
        out[d + 2] = grey ? line[s]! : line[s + 2]!;
        out[d + 3] = channels === 2 ? line[s + 1]! : 255;
      }
    }
    [prev, line] = [line, prev];
  }
  return { width, height, pixels: out };
}

/** Rows (0-based) holding at least one pixel darker than `threshold` on every channel. */
export function inkedRows(img: DecodedPng, threshold = 160): number[] {
  const rows: number[] = [];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const d = (y * img.width + x) * 4;
      if (img.pixels[d]! < threshold && img.pixels[d + 1]! < threshold && img.pixels[d + 2]! < threshold) {
        rows.push(y);
        break;
      }
    }
  }
  return rows;
}
