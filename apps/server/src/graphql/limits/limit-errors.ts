import { GraphQLError, type ASTNode } from 'graphql';

/*
 * Errors for documents past a limit. Each message names the limit and the value found, so a
 * client developer can fix the query without reading server logs. The codes belong to Keel's
 * closed set of client error codes.
 */

/** The operation nests selection sets deeper than `maxDepth`. */
export function depthLimitError(depth: number, maxDepth: number, node?: ASTNode): GraphQLError {
  return new GraphQLError(`Query depth ${depth} exceeds the limit of ${maxDepth}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** The operation, with the fragments it spreads, aliases more fields than `maxAliases`. */
export function aliasLimitError(aliases: number, maxAliases: number, node?: ASTNode): GraphQLError {
  return new GraphQLError(`Query alias count ${aliases} exceeds the limit of ${maxAliases}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** The operation, with the fragments it spreads, uses more directives than `maxDirectives`. */
export function directiveLimitError(
  directives: number,
  maxDirectives: number,
  node?: ASTNode,
): GraphQLError {
  const message = `Query directive count ${directives} exceeds the limit of ${maxDirectives}`;

  return new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * The operation's estimated cost is above `maxCost`. Both figures are also given in
 * `extensions`, so a client can shrink its page sizes by the right factor.
 */
export function costLimitError(cost: number, maxCost: number, node?: ASTNode): GraphQLError {
  // A pathological document can price at Infinity, which JSON would turn into null.
  const reported = Math.min(cost, Number.MAX_SAFE_INTEGER);

  return new GraphQLError(`Query cost ${reported} exceeds the limit of ${maxCost}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT', cost: reported, maxCost },
  });
}

/** The document text is longer than `maxDocumentBytes`; it was not parsed. */
export function documentSizeError(bytes: number, maxBytes: number): GraphQLError {
  return new GraphQLError(`Document size ${bytes} bytes exceeds the limit of ${maxBytes} bytes`, {
    extensions: { code: 'PAYLOAD_TOO_LARGE' },
  });
}

/**
 * The document has more lexical tokens than `maxTokens`. The parser stops at the first token
 * past the limit, so the true count is unknown.
 */
export function tokenLimitError(maxTokens: number, cause: GraphQLError): GraphQLError {
  return new GraphQLError(`Document token count exceeds the limit of ${maxTokens}`, {
    source: cause.source,
    positions: cause.positions,
    originalError: cause,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}
