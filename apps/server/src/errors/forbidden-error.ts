import { ClientError } from './client-error.js';

/** The caller is known, but its role or token scope does not allow this. */
export class ForbiddenError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'FORBIDDEN', extensions);
    this.name = 'ForbiddenError';
  }
}
