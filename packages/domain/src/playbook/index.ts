export * from './document.js';
export * from './policy.js';
export * from './review-schedule.js';
