import {
  ApolloServer,
  type ApolloServerOptionsWithGateway,
  type ApolloServerPlugin,
} from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { printSchema, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { BadUserInputError } from '../errors/bad-user-input-error.js';
import { ClientError } from '../errors/client-error.js';
import type { KeelMetrics } from '../http/metrics.js';
import type { Logger } from '../logger.js';
import { createCompiledExecutor } from './compiled-execution.js';
import type { RequestContext } from './context.js';
import { formatClientError } from './format-error.js';
import { createShapeRules, type QueryLimits } from './limits/index.js';
import { guardOperation } from './operation-guard.js';
import { operationLabel } from './operation-label.js';

/** What {@link createApollo} needs. */
export interface ApolloOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  production: boolean;
  logger: Logger;
  metrics: KeelMetrics;
  /** Extra plugins, such as draining the HTTP server on shutdown. */
  plugins?: ApolloServerPlugin<RequestContext>[];
  /**
   * Executions of a document through graphql-js before it is compiled; tests use 0, so that
   * every operation they send runs compiled.
   *
   * @default 1
   */
  interpretedRuns?: number;
}

/**
 * Apollo Server for GraphQL over HTTP. The document limits run as validation rules, the cost and
 * introspection checks once the operation and its variables are known, operations execute as
 * compiled code (see compiled-execution.ts), and every error leaves through
 * {@link formatClientError}.
 */
export function createApollo(options: ApolloOptions): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    gateway: compiledExecutionGateway(options),
    validationRules: createShapeRules(options.limits),
    parseOptions: { maxTokens: options.limits.maxTokens },
    formatError: (formatted, error) => {
      const clientError = formatClientError(formatted, error, options.logger);
      return options.production ? withoutSuggestions(clientError) : clientError;
    },
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    introspection: true,
    // Keel's own middleware prevents cross-site requests, only for those carrying a session.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    // Keel's main module stops everything in order on SIGTERM and SIGINT; Apollo's own
    // handlers would start a second, competing shutdown that waits on the first.
    stopOnTerminationSignals: false,
    plugins: [
      // Neither cache hints nor federated traces are used; either plugin would wrap every
      // field resolver with a hook, which cost a fifth of a large page's execution time.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      guardPlugin(options),
      observePlugin(options.metrics, options.logger),
      ...(options.plugins ?? []),
    ],
  });
}

type Gateway = ApolloServerOptionsWithGateway<RequestContext>['gateway'];

/**
 * Apollo Server 5 takes a custom executor only through its gateway interface: the gateway hands
 * over the schema once, and Apollo calls the executor after parsing, validation and every
 * plugin's `didResolveOperation` (the operation guard), then formats the result's errors as it
 * formats those of its own execution.
 */
function compiledExecutionGateway(options: ApolloOptions): Gateway {
  const execute = createCompiledExecutor<RequestContext>({
    schema: options.schema,
    logger: options.logger,
    interpretedRuns: options.interpretedRuns,
  });
  let announce: Parameters<Gateway['onSchemaLoadOrUpdate']>[0] | null = null;

  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => {
        announce = null;
      };
    },
    async load() {
      announce?.({ apiSchema: options.schema, coreSupergraphSdl: printSchema(options.schema) });
      return {
        executor: async (request) =>
          execute({
            queryHash: request.queryHash,
            document: request.document,
            operationName: request.operationName,
            variables: request.request.variables,
            contextValue: request.context as RequestContext,
          }),
      };
    },
    async stop() {},
  };
}

function guardPlugin(options: ApolloOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          try {
            if (operation?.operation === 'subscription') {
              throw new BadUserInputError(
                'Subscriptions run over WebSocket (graphql-transport-ws) at /graphql.',
              );
            }
            guardOperation({
              schema: options.schema,
              document,
              variables: request.variables,
              operationName: request.operationName,
              actor: contextValue.actor,
              limits: options.limits,
              production: options.production,
            });
          } catch (error) {
            // Apollo answers an error thrown here with status 500 unless the error names one.
            if (error instanceof ClientError) {
              error.extensions.http = { status: error.extensions.code === 'FORBIDDEN' ? 403 : 400 };
            }
            throw error;
          }
        },
      };
    },
  };
}

/**
 * Drops graphql's "Did you mean …?" hints, which name fields and values of the schema. Apollo's
 * `hideSchemaDetailsFromClientErrors` removes them from validation errors only; the coercion of
 * variables adds its own.
 */
function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  return { ...error, message: error.message.replace(/ ?Did you mean .+\?$/, '') };
}

/** Counts and times operations, and logs each outcome at debug and each failure above it. */
function observePlugin(metrics: KeelMetrics, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, operation, errors }) {
          const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
          const name = operationLabel(operationName);
          const type = operation?.operation ?? 'unknown';

          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          codes.forEach((code) => metrics.errors.inc({ code }));

          metrics.operations.inc({ operation: name, type, outcome: codes[0] ?? 'ok' });
          metrics.operationSeconds.observe({ operation: name, type }, seconds);

          // The request's own logger is made on first use: ask the process's first.
          if (codes.length === 0 && !logger.isLevelEnabled('debug')) return;

          const fields = { operation: name, type, ms: Math.round(seconds * 1000), codes };
          if (codes.length === 0) contextValue.logger.debug(fields, 'graphql operation');
          else contextValue.logger.info({ ...fields, errors: errors?.length }, 'graphql refused');
        },
      };
    },
  };
}
