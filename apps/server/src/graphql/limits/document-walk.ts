import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode } from 'graphql';

/** Looks a fragment up by name, as `ValidationContext.getFragment` does. */
export type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/**
 * Returns a function that computes `measure` at most once per fragment of a document.
 *
 * Every limit walks fragments where they are spread. Walking a fragment afresh at each spread
 * would let a 2 KB document of fragments that each spread the next one twice cost 2^n steps, so
 * results are kept. A fragment reached again while its own measure is still being taken is a
 * cycle (graphql's NoFragmentCyclesRule reports it); it yields `whileInCycle` instead of
 * recursing forever. An unknown fragment yields undefined (KnownFragmentNamesRule reports it).
 */
export function memoizeFragments<T>(
  lookup: FragmentLookup,
  measure: (fragment: FragmentDefinitionNode) => T,
  whileInCycle: T,
): (name: string) => T | undefined {
  const measured = new Map<string, T>();
  const inProgress = new Set<string>();

  return (name) => {
    const known = measured.get(name);
    if (known !== undefined) return known;
    if (inProgress.has(name)) return whileInCycle;

    const fragment = lookup(name);
    if (!fragment) return undefined;

    inProgress.add(name);
    try {
      const value = measure(fragment);
      measured.set(name, value);
      return value;
    } finally {
      inProgress.delete(name);
    }
  };
}

/** Every fragment definition of a document, by name (the last of a repeated name wins). */
export function fragmentsByName(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();

  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }

  return fragments;
}

/**
 * Whether a field is the root of an introspection query (`__schema` or `__type`).
 *
 * Depth and cost stop at these fields. What introspection returns depends on the size of the
 * schema, not on the shape of the query, so the cost model cannot price it; and the standard
 * introspection query nests 15 fields deep, past the default depth limit, which would break
 * developer tools. graphql's own MaxIntrospectionDepthRule bounds its nesting of lists instead,
 * and the alias and token limits bound how often it can be repeated.
 */
export function isIntrospectionRoot(field: FieldNode): boolean {
  return field.name.value === '__schema' || field.name.value === '__type';
}
