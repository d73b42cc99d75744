/**
 * `@keel/domain`: the rules of incident management that the server and the web app share. Pure
 * functions and constants only, with no dependencies and no I/O, so both sides judge alike.
 */

export * from './incident.js';
export * from './lifecycle.js';
export * from './limits.js';
export * from './roles.js';
export * from './scoring.js';
export * from './playbook/index.js';
