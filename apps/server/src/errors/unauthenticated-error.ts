import { ClientError } from './client-error.js';

/** The caller presented no valid session or token. */
export class UnauthenticatedError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'UNAUTHENTICATED', extensions);
    this.name = 'UnauthenticatedError';
  }
}
