// Why feedback could not be read. Never fatal: the caller keeps the last list and says why.

export class FeedbackReadError extends Error {
  constructor(
    /** Where: the API URL (token-free) or the file. */
    readonly where: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${detail}`, options);
    this.name = 'FeedbackReadError';
  }
}
