import type { ValidationRule } from 'graphql';

import { createCostRule } from './cost.js';
import { createAliasRule, createDepthRule, createDirectiveRule } from './structure-rules.js';

/**
 * Static limits on a GraphQL document, checked before anything executes. The same values apply
 * over HTTP and over WebSocket, so that neither transport is the cheaper way in.
 */
export interface QueryLimits {
  /**
   * Deepest nesting of selection sets, counted in fields: `{ a { b } }` has depth 2. Fragment
   * spreads and inline fragments add no depth of their own; their fields count where they land.
   *
   * @default 10
   */
  maxDepth: number;

  /**
   * Aliased fields in one operation, fragments included each time they are spread.
   *
   * @default 30
   */
  maxAliases: number;

  /**
   * Directives in one operation (on the operation, its variables, fields, inline fragments,
   * spreads and the fragments they spread).
   *
   * @default 20
   */
  maxDirectives: number;

  /**
   * Lexical tokens in the document, comments excluded. Enforced by graphql's own parser, which
   * stops reading at the first token past the limit.
   *
   * @default 2000
   */
  maxTokens: number;

  /**
   * Size of the document text in UTF-8 bytes, checked before parsing starts.
   *
   * @default 20_000
   */
  maxDocumentBytes: number;

  /**
   * Highest estimated cost of one operation; see `cost.ts` for the model.
   *
   * @default 10_000
   */
  maxCost: number;
}

/** The limits Keel applies when configuration names none. */
export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 2000,
  maxDocumentBytes: 20_000,
  maxCost: 10_000,
});

/**
 * Validation rules enforcing the depth, alias, directive and cost limits, for Apollo Server's
 * `validationRules` and for the `validate` call in graphql-ws's `onSubscribe`. Run them next to
 * graphql's `specifiedRules`: they assume nothing about a document's validity and report only
 * their own limits.
 *
 * The cost rule cannot see variable values, so it prices a page size held in a variable at the
 * variable's default or at the largest page size; call `estimateCost` once the values are known.
 */
export function createLimitRules(limits: QueryLimits): ValidationRule[] {
  return [...createShapeRules(limits), createCostRule(limits.maxCost)];
}

/**
 * The depth, alias and directive rules alone, for servers that price every operation with
 * `estimateCost` once its variables are known: the cost rule's stand-in for a page size held in
 * a variable (the largest page) would refuse operations whose real page is small.
 */
export function createShapeRules(limits: QueryLimits): ValidationRule[] {
  return [
    createDepthRule(limits.maxDepth),
    createAliasRule(limits.maxAliases),
    createDirectiveRule(limits.maxDirectives),
  ];
}
