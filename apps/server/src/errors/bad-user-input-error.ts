import { ClientError } from './client-error.js';

/** The input is malformed or breaks a domain rule; nothing was written. */
export class BadUserInputError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'BAD_USER_INPUT', extensions);
    this.name = 'BadUserInputError';
  }
}
