// Content hashes: sha256 hex everywhere a file or value is identified by its bytes (snapshots,
// raw bodies, assets, manifests, cache keys). Files are read as streams, so size never matters.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { canonicalJson } from './canonical-json.ts';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of a value's canonical JSON: equal values hash equal, whatever their key order. */
export function sha256Json(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** sha256 of a file's bytes; throws when the file cannot be read. */
export async function sha256File(path: string): Promise<string> {
  return (await hashFile(path)).sha256;
}

export interface FileHashes {
  size: number;
  sha256: string;
  /** Only when asked for (S3 wants Content-MD5). */
  md5?: string;
  /** The first `headBytes` bytes (content sniffing), when asked for. */
  head: Uint8Array;
}

/** One pass over a file: its size, sha256, optionally md5 and its first bytes. */
export async function hashFile(path: string, opts: { md5: true; headBytes?: number }): Promise<FileHashes & { md5: string }>;
export async function hashFile(path: string, opts?: { md5?: boolean; headBytes?: number }): Promise<FileHashes>;
export async function hashFile(path: string, opts: { md5?: boolean; headBytes?: number } = {}): Promise<FileHashes> {
  const sha = createHash('sha256');
  const md5 = opts.md5 ? createHash('md5') : null;
  let size = 0;
  let head = new Uint8Array(0);
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    if (size === 0 && opts.headBytes) head = new Uint8Array(buf.subarray(0, opts.headBytes));
    sha.update(buf);
    md5?.update(buf);
    size += buf.byteLength;
  }
  return { size, sha256: sha.digest('hex'), ...(md5 ? { md5: md5.digest('hex') } : {}), head };
}
