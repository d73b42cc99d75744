import { ClientError } from './client-error.js';

/** The request budget is spent; `extensions.retryAfterMs` says when to retry. */
export class RateLimitedError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'RATE_LIMITED', extensions);
    this.name = 'RateLimitedError';
  }
}
