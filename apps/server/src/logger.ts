import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys whose values never reach a log line, wherever they appear in a logged object. Tokens,
 * passwords and cookies are secrets; URLs may carry a password.
 */
const REDACTED_KEYS = [
  'password',
  'newPassword',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'databaseUrl',
  'redisUrl',
];

/** Creates the process's one logger; every module takes a child of it. */
export function createLogger(level: string, name = 'keel'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
      censor: '[redacted]',
    },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
