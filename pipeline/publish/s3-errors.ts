// What an S3 (or S3-compatible) error means for publish: gone, refused by a precondition, worth a
// retry, or fatal. Messages name the object and the store's error code, never credentials.
import { PreconditionFailedError, TargetError } from './target.ts';

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const THROTTLING = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestThrottled', 'RequestLimitExceeded', 'ServiceUnavailable', 'InternalError', 'RequestTimeout', 'TimeoutError']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const TRANSPORT_TEXT = /socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN|TimeoutError|timed out|network/i;

export const statusOf = (err: unknown) => (err as SdkError | null)?.$metadata?.httpStatusCode;

export function isNotFound(err: unknown): boolean {
  const e = err as SdkError;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || statusOf(err) === 404;
}

export function isPreconditionFailed(err: unknown): boolean {
  const e = err as SdkError;
  // 409 ConditionalRequestConflict: a concurrent conditional write to the same key (AWS).
  return e?.name === 'PreconditionFailed' || statusOf(err) === 412 || e?.name === 'ConditionalRequestConflict';
}

export function isNotImplemented(err: unknown): boolean {
  return (err as SdkError)?.name === 'NotImplemented' || statusOf(err) === 501;
}

export function isTransientS3(err: unknown): boolean {
  const e = err as SdkError;
  const status = statusOf(err);
  if (isNotImplemented(err)) return false;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (e?.$retryable) return true;
  if (THROTTLING.has(e?.name ?? '') || NETWORK.has(e?.code ?? '') || NETWORK.has(e?.name ?? '')) return true;
  // No HTTP response at all: the connection failed. The SDK may hand the socket error over only
  // as text ("AWS SDK error wrapper for TimeoutError: socket hang up").
  return status === undefined && TRANSPORT_TEXT.test(e?.message ?? '');
}

export function toTargetError(target: string, path: string, op: TargetError['operation'], err: unknown): Error {
  if (op === 'put' && isPreconditionFailed(err)) return new PreconditionFailedError(target, path);
  const e = err as SdkError;
  const status = statusOf(err);
  const what = [e?.name && e.name !== 'Error' ? e.name : e?.code, status ? `(HTTP ${status})` : ''].filter(Boolean).join(' ');
  const detail = `${what}${what ? ': ' : ''}${e?.message ?? String(err)}`;
  return new TargetError(target, path, op, detail, isTransientS3(err), { cause: err });
}
