/**
 * `@keel/collab`: the shapes of Keel's live Yjs documents (an incident's timeline and its
 * postmortem), typed accessors that read and write them, document names, and the limits and
 * codes of the `/collab` endpoint. Shared by the server and the web app so both read a document
 * the same way.
 */

export * from './document-names.js';
export * from './postmortem.js';
export * from './protocol.js';
export * from './rich-text.js';
export * from './sync-tracker.js';
export * from './timeline.js';
export * from './values.js';
