import { ClientError } from './client-error.js';

/** The object does not exist or belongs to another organisation; the two look alike. */
export class NotFoundError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'NOT_FOUND', extensions);
    this.name = 'NotFoundError';
  }
}
