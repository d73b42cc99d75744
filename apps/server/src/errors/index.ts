export * from './client-error.js';
export * from './bad-user-input-error.js';
export * from './conflict-error.js';
export * from './forbidden-error.js';
export * from './not-found-error.js';
export * from './payload-too-large-error.js';
export * from './rate-limited-error.js';
export * from './unauthenticated-error.js';
