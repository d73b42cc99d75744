import { ClientError } from './client-error.js';

/** The request or one of its documents is larger than the server accepts. */
export class PayloadTooLargeError extends ClientError {
  constructor(message: string, extensions: object = {}) {
    super(message, 'PAYLOAD_TOO_LARGE', extensions);
    this.name = 'PayloadTooLargeError';
  }
}
