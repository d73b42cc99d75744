/**
 * The cost model: an estimate of the work an operation asks for, made before it runs.
 *
 * - Every field costs 1.
 * - A field that returns a list or a connection multiplies the cost of its selection set by its
 *   page size: `cost = 1 + pageSize × cost(selection set)`. The page size is the `first` or
 *   `last` argument (the larger if both are given), or `DEFAULT_LIST_SIZE` when neither is
 *   given or it is null. A field returning anything else adds its selection set's cost as is.
 * - A connection is an object or interface type whose name ends in `Connection` and which has an
 *   `edges` or a `nodes` field. Its page size is applied once, at the field that returns it: its
 *   own `edges` and `nodes` fields are not multiplied again.
 * - A page size held in a variable is the variable's value in `estimateCost`. The validation
 *   rule runs before values are known, so it uses the variable's default, or `MAX_PAGE_SIZE`
 *   when there is none; the server prices the operation again once it has the values.
 * - Fragments cost what their selection sets cost, wherever they are spread. `@skip` and
 *   `@include` are ignored (the field is counted), and fields that execution would merge are
 *   counted apiece: the estimate errs towards too high.
 * - A field unknown to the schema costs 1 plus its selection set, with no multiplier.
 * - Introspection's `__schema` and `__type` cost 1 whatever they select: see
 *   `isIntrospectionRoot` for why, and for what bounds introspection instead.
 *
 * For example, `{ incidents(first: 20) { nodes { id automations(first: 5) { nodes { id } } } } }`
 * costs 1 + 20 × (1 + 1 + (1 + 5 × (1 + 1))) = 261.
 *
 * @module
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

import {
  fragmentsByName,
  isIntrospectionRoot,
  memoizeFragments,
  type FragmentLookup,
} from './document-walk.js';
import { costLimitError } from './limit-errors.js';

/** Multiplier for a list or connection field given no page size. */
export const DEFAULT_LIST_SIZE = 10;

/** Largest page size Keel serves; the cost rule's price for a page size it cannot see yet. */
export const MAX_PAGE_SIZE = 100;

/** A page size held in a variable, or undefined when the argument counts as not given. */
type VariablePageSize = (variableName: string) => number | undefined;

/**
 * Estimates the cost of an operation with its variable values known, by the model above.
 *
 * Prices the operation named `operationName`, or the document's only operation. When neither
 * identifies one, execution will refuse the document; the costliest operation is priced then,
 * so that a caller gating on the result never under-counts.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  operationName?: string | null,
): number {
  const fragments = fragmentsByName(document);
  const lookup: FragmentLookup = (name) => fragments.get(name);

  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const named = operationName
    ? operations.filter((operation) => operation.name?.value === operationName)
    : operations;
  const priced = named.length === 1 ? named : operations;

  let highest = 0;
  for (const operation of priced) {
    const pageSize = variablePageSize(operation, variables ?? {});
    highest = Math.max(highest, operationCost(schema, operation, lookup, pageSize));
  }

  return highest;
}

/**
 * Validation rule rejecting an operation whose estimated cost is above `maxCost`, with page
 * sizes in variables priced at their defaults or at `MAX_PAGE_SIZE`.
 */
export function createCostRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(
        context.getSchema(),
        operation,
        (name) => context.getFragment(name),
        defaultPageSize(operation),
      );
      if (cost > maxCost) context.reportError(costLimitError(cost, maxCost, operation));

      return false;
    },
  });
}

function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  lookup: FragmentLookup,
  pageSizeOf: VariablePageSize,
): number {
  // Kept per operation: a fragment's cost depends on the operation's variables.
  const fragmentCost = memoizeFragments(
    lookup,
    (fragment) =>
      selectionSetCost(fragment.selectionSet, compositeType(schema, fragment.typeCondition.name)),
    0,
  );

  function selectionSetCost(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType | undefined,
  ): number {
    let cost = 0;

    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parentType);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? compositeType(schema, selection.typeCondition.name)
          : parentType;
        cost += selectionSetCost(selection.selectionSet, type);
      } else {
        cost += fragmentCost(selection.name.value) ?? 0;
      }
    }

    return cost;
  }

  function fieldCost(field: FieldNode, parentType: GraphQLCompositeType | undefined): number {
    if (!field.selectionSet || isIntrospectionRoot(field)) return 1;

    const definition = fieldDefinition(parentType, field.name.value);
    const returnType = definition ? getNamedType(definition.type) : undefined;
    const childType = isCompositeType(returnType) ? returnType : undefined;
    const children = selectionSetCost(field.selectionSet, childType);

    if (!definition || !isMultiplied(definition, parentType)) return 1 + children;

    return 1 + (pageSize(field, pageSizeOf) ?? DEFAULT_LIST_SIZE) * children;
  }

  const rootType = schema.getRootType(operation.operation) ?? undefined;

  return selectionSetCost(operation.selectionSet, rootType);
}

/** Whether a field's page size multiplies the cost of what it selects. */
function isMultiplied(
  field: GraphQLField<unknown, unknown>,
  parentType: GraphQLCompositeType | undefined,
): boolean {
  // The connection field already applied the page size to everything under it.
  if (isConnection(parentType) && (field.name === 'edges' || field.name === 'nodes')) {
    return false;
  }

  return isListType(getNullableType(field.type)) || isConnection(getNamedType(field.type));
}

function isConnection(type: GraphQLNamedType | undefined): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  if (!type.name.endsWith('Connection')) return false;

  const fields = type.getFields();
  return 'edges' in fields || 'nodes' in fields;
}

/** The larger of the `first` and `last` arguments, or undefined when neither is given. */
function pageSize(field: FieldNode, pageSizeOf: VariablePageSize): number | undefined {
  let size: number | undefined;

  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;

    const value = argumentPageSize(argument.value, pageSizeOf);
    if (value !== undefined) size = Math.max(size ?? 0, value);
  }

  return size;
}

function argumentPageSize(value: ValueNode, pageSizeOf: VariablePageSize): number | undefined {
  switch (value.kind) {
    case Kind.INT:
      return toPageSize(Number.parseInt(value.value, 10));
    case Kind.VARIABLE:
      return pageSizeOf(value.name.value);
    case Kind.NULL:
      return undefined;
    default:
      // Not an Int: validation rejects the document, but price it at the worst meanwhile.
      return MAX_PAGE_SIZE;
  }
}

/** Page sizes for the validation rule, which runs before variable values are known. */
function defaultPageSize(operation: OperationDefinitionNode): VariablePageSize {
  return (variableName) => {
    const definition = operation.variableDefinitions?.find(
      (variable) => variable.variable.name.value === variableName,
    );
    const defaultValue = definition?.defaultValue;

    if (defaultValue?.kind === Kind.INT) return toPageSize(Number.parseInt(defaultValue.value, 10));
    return MAX_PAGE_SIZE;
  };
}

/** Page sizes from the request's variable values, falling back to the variables' defaults. */
function variablePageSize(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): VariablePageSize {
  return (variableName) => {
    // Own properties only: a variable named like an Object.prototype member is not a value.
    const value = Object.hasOwn(variables, variableName) ? variables[variableName] : undefined;

    if (value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return toPageSize(value);
    if (value !== undefined) return MAX_PAGE_SIZE;

    const definition = operation.variableDefinitions?.find(
      (variable) => variable.variable.name.value === variableName,
    );
    const defaultValue = definition?.defaultValue;

    if (defaultValue === undefined || defaultValue.kind === Kind.NULL) return undefined;
    return argumentPageSize(defaultValue, () => MAX_PAGE_SIZE);
  };
}

function toPageSize(value: number): number {
  // Resolvers refuse a negative size; priced as given, it would subtract from the cost.
  return Math.max(0, Math.trunc(value));
}

function compositeType(
  schema: GraphQLSchema,
  name: { value: string },
): GraphQLCompositeType | undefined {
  const type = schema.getType(name.value);
  return isCompositeType(type) ? type : undefined;
}

function fieldDefinition(
  parentType: GraphQLCompositeType | undefined,
  fieldName: string,
): GraphQLField<unknown, unknown> | undefined {
  if (parentType === undefined || isUnionType(parentType)) return undefined;
  return parentType.getFields()[fieldName];
}
