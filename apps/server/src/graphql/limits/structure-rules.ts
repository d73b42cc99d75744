import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';

import { isIntrospectionRoot, memoizeFragments } from './document-walk.js';
import { aliasLimitError, depthLimitError, directiveLimitError } from './limit-errors.js';

/*
 * Limits on the shape of each operation. Every rule measures an operation as it would run:
 * fragments count where they are spread, once per spread (also where execution would merge two
 * spreads of one fragment, which keeps the walk simple and errs on the strict side).
 */

/** Rejects an operation whose selection sets nest more than `maxDepth` fields deep. */
export function createDepthRule(maxDepth: number): ValidationRule {
  return (context) => {
    const fragmentDepth = memoizeFragments(
      (name) => context.getFragment(name),
      (fragment) => depthOf(fragment.selectionSet),
      0,
    );

    function depthOf(selectionSet: SelectionSetNode): number {
      let deepest = 0;

      for (const selection of selectionSet.selections) {
        let depth: number;
        if (selection.kind === Kind.FIELD) {
          const below = selection.selectionSet && !isIntrospectionRoot(selection);
          depth = 1 + (below ? depthOf(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet);
        } else {
          depth = fragmentDepth(selection.name.value) ?? 0;
        }
        deepest = Math.max(deepest, depth);
      }

      return deepest;
    }

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) context.reportError(depthLimitError(depth, maxDepth, operation));

        // Fragments were measured through the operation; nothing below needs a visit.
        return false;
      },
    };
  };
}

/** Rejects an operation that aliases more than `maxAliases` fields. */
export function createAliasRule(maxAliases: number): ValidationRule {
  return (context) => {
    const fragmentAliases = memoizeFragments(
      (name) => context.getFragment(name),
      (fragment) => aliasesIn(fragment.selectionSet),
      0,
    );

    function aliasesIn(selectionSet: SelectionSetNode): number {
      let aliases = 0;

      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.alias) aliases += 1;
          if (selection.selectionSet) aliases += aliasesIn(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          aliases += aliasesIn(selection.selectionSet);
        } else {
          aliases += fragmentAliases(selection.name.value) ?? 0;
        }
      }

      return aliases;
    }

    return {
      OperationDefinition(operation) {
        const aliases = aliasesIn(operation.selectionSet);
        if (aliases > maxAliases) {
          context.reportError(aliasLimitError(aliases, maxAliases, operation));
        }

        return false;
      },
    };
  };
}

/** Rejects an operation that uses more than `maxDirectives` directives. */
export function createDirectiveRule(maxDirectives: number): ValidationRule {
  return (context) => {
    const fragmentDirectives = memoizeFragments(
      (name) => context.getFragment(name),
      (fragment) => count(fragment.directives) + directivesIn(fragment.selectionSet),
      0,
    );

    function directivesIn(selectionSet: SelectionSetNode): number {
      let directives = 0;

      for (const selection of selectionSet.selections) {
        directives += count(selection.directives);
        if (selection.kind === Kind.FIELD) {
          if (selection.selectionSet) directives += directivesIn(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          directives += directivesIn(selection.selectionSet);
        } else {
          directives += fragmentDirectives(selection.name.value) ?? 0;
        }
      }

      return directives;
    }

    return {
      OperationDefinition(operation) {
        let directives = count(operation.directives) + directivesIn(operation.selectionSet);
        for (const variable of operation.variableDefinitions ?? []) {
          directives += count(variable.directives);
        }

        if (directives > maxDirectives) {
          context.reportError(directiveLimitError(directives, maxDirectives, operation));
        }

        return false;
      },
    };
  };
}

function count(nodes: readonly unknown[] | undefined): number {
  return nodes?.length ?? 0;
}
