// Why feedback could not be read. Never fatal: the caller keeps the last list and says why.
import { CitydashError } from '../errors.ts';

export class FeedbackReadError extends CitydashError {
  constructor(where: string, detail: string, options?: { cause?: unknown }) {
    super(where, detail, options);
    this.name = 'FeedbackReadError';
  }
}
