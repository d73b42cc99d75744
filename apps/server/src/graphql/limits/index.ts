/**
 * Static limits on GraphQL documents: size, tokens, depth, aliases, directives and cost.
 *
 * Over HTTP, Apollo Server parses the document itself and runs `createLimitRules` through its
 * `validationRules`. Over WebSocket, graphql-ws applies only graphql's standard rules unless told
 * otherwise, so its `onSubscribe` calls `parseWithLimits` and validates with the same rules.
 * Both transports then price the operation with `estimateCost` once variables are known.
 *
 * @module
 */
export { DEFAULT_LIST_SIZE, MAX_PAGE_SIZE, estimateCost } from './cost.js';
export { costLimitError } from './limit-errors.js';
export { assertDocumentSize, parseWithLimits } from './parse.js';
export {
  DEFAULT_QUERY_LIMITS,
  createLimitRules,
  createShapeRules,
  type QueryLimits,
} from './query-limits.js';
