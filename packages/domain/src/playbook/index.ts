export * from './diff.js';
export * from './document.js';
export * from './merge.js';
export * from './policy.js';
export * from './review-schedule.js';
export * from './validate.js';
