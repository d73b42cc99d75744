import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Actor } from '../auth/actor.js';
import { BadUserInputError } from '../errors/bad-user-input-error.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { estimateCost, type QueryLimits } from './limits/index.js';

/**
 * Checks that need the caller or the variables, applied to every operation over HTTP and over
 * WebSocket alike: the cost with real page sizes, and, in production, no introspection for
 * anonymous callers.
 */
export function guardOperation(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown> | null | undefined;
  operationName: string | null | undefined;
  actor: Actor | null;
  limits: QueryLimits;
  production: boolean;
}): void {
  const cost = estimateCost(
    options.schema,
    options.document,
    options.variables,
    options.operationName,
  );
  if (cost > options.limits.maxCost) {
    throw new BadUserInputError(
      `The query would cost ${cost}, above the limit of ${options.limits.maxCost}; ` +
        'ask for fewer items.',
      { cost, maxCost: options.limits.maxCost },
    );
  }

  if (options.production && !options.actor && introspects(options.document)) {
    throw new ForbiddenError('Sign in or present an API token to introspect the schema.');
  }
}

function introspects(document: DocumentNode): boolean {
  const seen = new Set<string>();
  const visit = (node: { selectionSet?: OperationDefinitionNode['selectionSet'] }): boolean =>
    node.selectionSet?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === '__schema' || selection.name.value === '__type';
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection);

      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
      );
      return fragment
        ? visit(fragment as { selectionSet?: OperationDefinitionNode['selectionSet'] })
        : false;
    }) ?? false;

  return document.definitions.some(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && visit(definition),
  );
}
