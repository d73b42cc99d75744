/**
 * Executes GraphQL operations through code compiled per document (graphql-jit), for Apollo
 * Server over HTTP.
 *
 * graphql-js interprets a document anew on every request: for each of the thousand or so fields
 * of an incident board it looks up the field, checks its type, collects sub-selections and
 * coerces arguments. graphql-jit does that work once per document and operation, and emits a
 * function that builds the response directly; the resolvers it calls are the schema's own, so
 * authorisation, tenancy and loaders are untouched.
 *
 * What a client sees stays what graphql-js gives:
 *
 * - a document is compiled the second time it is seen, and runs through graphql-js until then,
 *   so a stream of one-off documents costs no compilation;
 * - when the compiled code refuses the variables, nothing has run yet, and graphql-js executes
 *   the request instead: its coercion errors (messages, locations, status 400) are the ones
 *   clients get, and a value it accepts is served;
 * - every execution error is rebuilt as graphql-js builds it (`locatedError` of what the
 *   resolver threw, at the same path and locations), so Apollo's and Keel's error formatting
 *   see the same errors, codes and messages;
 * - a document graphql-jit cannot compile keeps running through graphql-js, and so does one
 *   whose compiled code has thrown (a fault of graphql-jit: resolvers' errors are reported in
 *   the result); a query that failed so is answered by graphql-js at once, a mutation is not
 *   run again.
 *
 * graphql-jit 0.8.9 is patched (patches/graphql-jit@0.8.9.patch) where it departs from that: a
 * rejected list item's null goes to the item's index, not the end of the list; and a value whose
 * completion throws (a list's iterator, a getter) is that field's error, as in graphql-js. In
 * 0.8.9 the throw escaped: after an async resolver it was an unhandled rejection, which left the
 * request unanswered and stops Node.
 *
 * Compiled documents live in a least-recently-used cache bounded in entries; they are keyed by
 * the query's SHA-256 and the operation's name, which Apollo has computed already.
 *
 * @module
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  locatedError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Logger } from '../logger.js';

/** Options of {@link createCompiledExecutor}. */
export interface CompiledExecutorOptions {
  schema: GraphQLSchema;
  logger: Logger;
  /**
   * Most documents remembered, compiled or not; past it the least recently used is dropped.
   *
   * @default 500
   */
  maxDocuments?: number;
  /**
   * Executions of a document through graphql-js before it is compiled.
   *
   * @default 1
   */
  interpretedRuns?: number;
}

/** One operation to execute: what Apollo has parsed, validated and guarded. */
export interface OperationToExecute<C> {
  /** Identifies the document's text (Apollo's SHA-256 of the query). */
  queryHash: string;
  document: DocumentNode;
  /** The operation chosen, or null for a document's only operation. */
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  contextValue: C;
}

/** Executes operations, compiling each document once it has been seen enough. */
export type CompiledExecutor<C> = (operation: OperationToExecute<C>) => Promise<ExecutionResult>;

interface Entry {
  runs: number;
  /** The compiled operation, `null` before compilation, `false` when it cannot be compiled. */
  compiled: CompiledQuery | null | false;
}

/** Creates an executor with its own cache of compiled documents. */
export function createCompiledExecutor<C>(options: CompiledExecutorOptions): CompiledExecutor<C> {
  const { schema, logger } = options;
  const maxDocuments = options.maxDocuments ?? 500;
  const interpretedRuns = options.interpretedRuns ?? 1;
  const entries = new Map<string, Entry>();

  function entryFor(key: string): Entry {
    let entry = entries.get(key);
    if (entry) {
      // Re-inserting keeps the Map in least-recently-used order, oldest first.
      entries.delete(key);
    } else {
      entry = { runs: 0, compiled: null };
      if (entries.size >= maxDocuments) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    }
    entries.set(key, entry);
    return entry;
  }

  function compile(operation: OperationToExecute<C>): CompiledQuery | false {
    const compiled = compileQuery(schema, operation.document, operation.operationName ?? undefined);
    if (isCompiledQuery(compiled)) return compiled;

    logger.warn(
      { operation: operation.operationName, errors: compiled.errors?.map((e) => e.message) },
      'document could not be compiled; it runs through graphql-js',
    );
    return false;
  }

  const interpret = (operation: OperationToExecute<C>) =>
    execute({
      schema,
      document: operation.document,
      operationName: operation.operationName,
      variableValues: operation.variables,
      contextValue: operation.contextValue,
    });

  return async (operation) => {
    const entry = entryFor(`${operation.queryHash}:${operation.operationName ?? ''}`);
    if (entry.compiled === null && entry.runs >= interpretedRuns) {
      entry.compiled = compile(operation);
    }
    if (!entry.compiled) {
      entry.runs += 1;
      return interpret(operation);
    }

    let result: ExecutionResult;
    try {
      result = await entry.compiled.query(
        undefined,
        operation.contextValue,
        operation.variables ?? {},
      );
    } catch (error) {
      // Resolvers' errors come back in the result: a throw is a fault of the compiled code.
      entry.compiled = false;
      logger.error(
        { err: error, operation: operation.operationName },
        'compiled execution failed; the document runs through graphql-js from now on',
      );
      // A mutation's resolvers may have written already; running them again could repeat that.
      if (isMutation(operation)) throw error;
      return interpret(operation);
    }

    // Only refused variables leave `data` out: no resolver has run, so graphql-js may decide.
    if (!('data' in result)) return interpret(operation);

    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };
}

function isMutation(operation: OperationToExecute<unknown>): boolean {
  return getOperationAST(operation.document, operation.operationName)?.operation === 'mutation';
}

/**
 * The error graphql-js would report for what graphql-jit reported: `locatedError` of the thrown
 * value, so Apollo's `unwrapResolverError` and Keel's formatter find the original error and its
 * `extensions`. graphql-jit keeps field locations but not the field nodes, so they are copied.
 *
 * For the errors graphql-jit raises itself (bad arguments, unresolvable types, a null in a
 * non-null field) it keeps no original; graphql-js throws a GraphQLError there, except for the
 * null, which it throws as a plain Error (that Keel masks as INTERNAL_SERVER_ERROR). The null is
 * told by its message, which both libraries word alike.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const original =
    error.originalError ??
    (error.message.startsWith(NON_NULL_MESSAGE)
      ? new Error(error.message)
      : new GraphQLError(error.message));
  const located = locatedError(original, undefined, error.path ? [...error.path] : undefined);

  if (located !== original && located.locations === undefined && error.locations) {
    Object.assign(located, { locations: error.locations });
  }
  return located;
}

const NON_NULL_MESSAGE = 'Cannot return null for non-nullable field ';
