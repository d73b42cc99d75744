import { ClientError } from './client-error.js';

/** The write was based on a stale version, or collides with existing data. */
export class ConflictError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'CONFLICT', extensions);
    this.name = 'ConflictError';
  }
}
