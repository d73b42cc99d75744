import { Buffer } from 'node:buffer';

import { GraphQLError, Lexer, parse, Source, TokenKind, type DocumentNode } from 'graphql';

import { documentSizeError, tokenLimitError } from './limit-errors.js';
import type { QueryLimits } from './query-limits.js';

/**
 * Throws `PAYLOAD_TOO_LARGE` when the document text is over `maxDocumentBytes` in UTF-8. Parsing
 * costs time and memory even for a document that validation would refuse, so this comes first.
 */
export function assertDocumentSize(
  source: string,
  limits: Pick<QueryLimits, 'maxDocumentBytes'>,
): void {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxDocumentBytes) throw documentSizeError(bytes, limits.maxDocumentBytes);
}

/**
 * Parses a GraphQL document within the size and token limits, for transports where Keel calls
 * graphql's `parse` itself (graphql-ws's `onSubscribe`).
 *
 * Throws `PAYLOAD_TOO_LARGE` for a document over `maxDocumentBytes`, `BAD_USER_INPUT` for one
 * over `maxTokens`, and graphql's own syntax error for anything else that does not parse.
 */
export function parseWithLimits(source: string, limits: QueryLimits): DocumentNode {
  assertDocumentSize(source, limits);

  const document = new Source(source);
  try {
    // `maxLexicalTokens` is the current name of graphql's `maxTokens` option.
    return parse(document, { maxLexicalTokens: limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && stoppedAtTokenLimit(error, document, limits.maxTokens)) {
      throw tokenLimitError(limits.maxTokens, error);
    }
    throw error;
  }
}

/**
 * Whether graphql's parser threw because of the token limit. Its message is prose that has
 * changed between releases, so instead this lexes up to the first token past the limit: the
 * parser stops exactly there, and a document with fewer tokens failed for another reason.
 */
function stoppedAtTokenLimit(error: GraphQLError, source: Source, maxTokens: number): boolean {
  const position = error.positions?.[0];
  if (position === undefined) return false;

  const lexer = new Lexer(source);
  try {
    for (let count = 0; count <= maxTokens; count += 1) {
      if (lexer.advance().kind === TokenKind.EOF) return false;
    }
  } catch {
    // A lexical error before the limit is what the parser reported.
    return false;
  }

  return lexer.token.start === position;
}
