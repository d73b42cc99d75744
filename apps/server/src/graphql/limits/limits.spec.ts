import {
  buildSchema,
  getIntrospectionQuery,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { describe, expect, it } from 'vitest';

import {
  createLimitRules,
  DEFAULT_QUERY_LIMITS,
  estimateCost,
  parseWithLimits,
  type QueryLimits,
} from './index.js';

const schema = buildSchema(/* GraphQL */ `
  directive @tag repeatable on QUERY | FIELD | FRAGMENT_DEFINITION | VARIABLE_DEFINITION
  directive @mark repeatable on FRAGMENT_SPREAD | INLINE_FRAGMENT

  type Query {
    incidents(first: Int, after: String, last: Int, before: String): IncidentConnection!
    incident(id: ID!): Incident
    recentIncidents: [Incident!]!
    tags: [String!]!
  }

  type Subscription {
    incidentChanged: Incident!
  }

  type Incident {
    id: ID!
    title: String!
    parent: Incident
    automations(first: Int, after: String): AutomationConnection!
  }

  type IncidentConnection {
    edges: [IncidentEdge!]!
    nodes: [Incident!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type IncidentEdge {
    cursor: String!
    node: Incident!
  }

  type Automation {
    id: ID!
    name: String!
  }

  type AutomationConnection {
    edges: [AutomationEdge!]!
    nodes: [Automation!]!
  }

  type AutomationEdge {
    node: Automation!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
`);

/** Validates as the servers do: graphql's standard rules, then Keel's limits. */
function check(source: string, limits: Partial<QueryLimits> = {}): readonly GraphQLError[] {
  const merged = { ...DEFAULT_QUERY_LIMITS, ...limits };
  const rules: ValidationRule[] = [...specifiedRules, ...createLimitRules(merged)];

  return validate(schema, parseWithLimits(source, merged), rules);
}

function messages(errors: readonly GraphQLError[]): string[] {
  return errors.map((error) => error.message);
}

/** A query whose deepest field sits `depth` fields down: incident, parents, then id. */
function queryOfDepth(depth: number): string {
  let selection = 'id';
  for (let level = 2; level < depth; level += 1) selection = `parent { ${selection} }`;

  return `{ incident(id: "1") { ${selection} } }`;
}

function thrownBy(action: () => unknown): GraphQLError {
  try {
    action();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a GraphQLError');
}

describe('depth', () => {
  it('accepts the default depth of 10 and rejects 11', () => {
    expect(check(queryOfDepth(10))).toEqual([]);

    const errors = check(queryOfDepth(11));
    expect(messages(errors)).toEqual(['Query depth 11 exceeds the limit of 10']);
    expect(errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.locations).toEqual([{ line: 1, column: 1 }]);
  });

  it('follows fragment spreads and inline fragments', () => {
    // incident, parent, parent, id: four fields deep, no matter how the fragments cut it.
    const source = `
      query { incident(id: "1") { ...Parent } }
      fragment Parent on Incident { parent { ... on Incident { ...Grandparent } } }
      fragment Grandparent on Incident { parent { ... { id } } }
    `;

    expect(check(source, { maxDepth: 4 })).toEqual([]);
    expect(messages(check(source, { maxDepth: 3 }))).toEqual([
      'Query depth 4 exceeds the limit of 3',
    ]);
  });

  it('limits subscriptions as it limits queries', () => {
    const source = 'subscription { incidentChanged { parent { parent { id } } } }';

    expect(check(source, { maxDepth: 4 })).toEqual([]);
    expect(messages(check(source, { maxDepth: 3 }))).toEqual([
      'Query depth 4 exceeds the limit of 3',
    ]);
  });

  it('checks each operation of a document separately', () => {
    const source = `query Shallow { tags } query Deep ${queryOfDepth(3)}`;

    const errors = check(source, { maxDepth: 2 });
    expect(messages(errors)).toEqual(['Query depth 3 exceeds the limit of 2']);
    expect(errors[0]?.locations?.[0]?.column).toBe(24);
  });
});

describe('aliases', () => {
  const aliased = (count: number) =>
    `{ ${Array.from({ length: count }, (_, index) => `t${index}: tags`).join(' ')} }`;

  it('accepts the default of 30 aliases and rejects 31', () => {
    expect(check(aliased(30))).toEqual([]);

    const errors = check(aliased(31));
    expect(messages(errors)).toEqual(['Query alias count 31 exceeds the limit of 30']);
    expect(errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts the aliases of a fragment at every spread, inline fragments included', () => {
    // `second` is 1, and Titles (2 aliases, one inside an inline fragment) is spread twice.
    const source = `
      query {
        incident(id: "1") { ...Titles }
        second: incident(id: "2") { ...Titles }
      }
      fragment Titles on Incident { heading: title ... on Incident { label: title } }
    `;

    expect(check(source, { maxAliases: 5 })).toEqual([]);
    expect(messages(check(source, { maxAliases: 4 }))).toEqual([
      'Query alias count 5 exceeds the limit of 4',
    ]);
  });
});

describe('directives', () => {
  const directed = (count: number) =>
    `{ ${Array.from({ length: count }, () => '__typename @include(if: true)').join(' ')} }`;

  it('accepts the default of 20 directives and rejects 21', () => {
    expect(check(directed(20))).toEqual([]);

    const errors = check(directed(21));
    expect(messages(errors)).toEqual(['Query directive count 21 exceeds the limit of 20']);
    expect(errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts directives in every place they may stand, fragments included', () => {
    // One each on the variable, the operation, incidents, the spread, the fragment, nodes and
    // the inline fragment; the fragment is spread twice, so its three count twice: 10.
    const source = `
      query Tagged($size: Int @tag) @tag {
        incidents(first: $size) @tag { ...Page @mark }
        again: incidents(first: 1) { ...Page }
      }
      fragment Page on IncidentConnection @tag { nodes @tag { ... @mark { id } } }
    `;

    expect(check(source, { maxDirectives: 10 })).toEqual([]);
    expect(messages(check(source, { maxDirectives: 9 }))).toEqual([
      'Query directive count 10 exceeds the limit of 9',
    ]);
  });
});

describe('tokens and document size', () => {
  it('accepts a document at the token limit and rejects one token more', () => {
    // `{`, `tags`, `}` and the two `__typename`s: five tokens; comments do not count.
    const source = '{ tags __typename __typename } # a comment is not a token';

    expect(() => parseWithLimits(source, { ...DEFAULT_QUERY_LIMITS, maxTokens: 5 })).not.toThrow();

    const error = thrownBy(() =>
      parseWithLimits(source, { ...DEFAULT_QUERY_LIMITS, maxTokens: 4 }),
    );
    expect(error.message).toBe('Document token count exceeds the limit of 4');
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('reports other syntax errors as they are, also in documents past the token limit', () => {
    const limits = { ...DEFAULT_QUERY_LIMITS, maxTokens: 3 };

    // A misplaced first token, a lexical error and an early end, all before the limit.
    for (const source of ['} a b c d e', '{ a "unterminated } b c d', '{ a']) {
      const error = thrownBy(() => parseWithLimits(source, limits));
      expect(error.message).toMatch(/^Syntax Error/);
      expect(error.extensions.code).toBeUndefined();
    }
  });

  it('measures the document in UTF-8 bytes before parsing', () => {
    // Each é is one UTF-16 code unit but two bytes.
    const source = `{ tags } # ${'é'.repeat(40)}`;
    const bytes = Buffer.byteLength(source, 'utf8');
    expect(source.length).toBeLessThan(bytes - 1);

    expect(() =>
      parseWithLimits(source, { ...DEFAULT_QUERY_LIMITS, maxDocumentBytes: bytes }),
    ).not.toThrow();

    const error = thrownBy(() =>
      parseWithLimits(source, { ...DEFAULT_QUERY_LIMITS, maxDocumentBytes: bytes - 1 }),
    );
    expect(error.message).toBe(
      `Document size ${bytes} bytes exceeds the limit of ${bytes - 1} bytes`,
    );
    expect(error.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an oversized document that would not even parse', () => {
    const source = '{'.repeat(DEFAULT_QUERY_LIMITS.maxDocumentBytes + 1);

    expect(thrownBy(() => parseWithLimits(source, DEFAULT_QUERY_LIMITS)).extensions.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });
});

describe('cost', () => {
  const nested = `{
    incidents(first: 20) { nodes { id automations(first: 5) { nodes { id } } } }
  }`;

  it('multiplies the cost of what a connection selects by its first argument', () => {
    // 1 + 20 × (nodes 1 + id 1 + automations (1 + 5 × (nodes 1 + id 1))) = 261
    expect(estimateCost(schema, parse(nested), {})).toBe(261);

    const one = '{ incidents(first: 1) { nodes { id } } }';
    const fifty = '{ incidents(first: 50) { nodes { id } } }';
    expect(estimateCost(schema, parse(one), {})).toBe(3);
    expect(estimateCost(schema, parse(fifty), {})).toBe(101);
  });

  it('accepts the cost at the limit and rejects it one below', () => {
    expect(check(nested, { maxCost: 261 })).toEqual([]);

    const errors = check(nested, { maxCost: 260 });
    expect(messages(errors)).toEqual(['Query cost 261 exceeds the limit of 260']);
    expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', cost: 261, maxCost: 260 });
  });

  it('applies a page size once at the connection, not again at edges or nodes', () => {
    const source = '{ incidents(last: 20) { edges { cursor node { id } } totalCount } }';

    // 1 + 20 × (edges (1 + cursor 1 + node (1 + id 1)) + totalCount 1) = 101
    expect(estimateCost(schema, parse(source), {})).toBe(101);
  });

  it('prices a list or connection with no size argument at ten items', () => {
    expect(estimateCost(schema, parse('{ recentIncidents { id title } }'), {})).toBe(21);
    expect(estimateCost(schema, parse('{ incidents { totalCount } }'), {})).toBe(11);
    expect(estimateCost(schema, parse('{ incidents(first: null) { totalCount } }'), {})).toBe(11);
  });

  it('prices fragments and inline fragments where they are spread', () => {
    const source = `
      query { incidents(first: 20) { ...Page } }
      fragment Page on IncidentConnection { nodes { ...Fields } }
      fragment Fields on Incident { id ... on Incident { automations(first: 5) { ...Names } } }
      fragment Names on AutomationConnection { nodes { id } }
    `;

    expect(estimateCost(schema, parse(source), {})).toBe(261);
    expect(messages(check(source, { maxCost: 260 }))).toEqual([
      'Query cost 261 exceeds the limit of 260',
    ]);
  });

  it('prices a page size from a variable by its value once values are known', () => {
    const document = parse('query Page($size: Int) { incidents(first: $size) { nodes { id } } }');

    expect(estimateCost(schema, document, { size: 3 })).toBe(7);
    expect(estimateCost(schema, document, { size: 100 })).toBe(201);
    // A null or missing size leaves the argument out, so the server's default page applies.
    expect(estimateCost(schema, document, { size: null })).toBe(21);
    expect(estimateCost(schema, document, {})).toBe(21);
    expect(estimateCost(schema, document, null)).toBe(21);
  });

  it('prices a variable page size at its default, or at 100, before values are known', () => {
    const withoutDefault = 'query Page($size: Int) { incidents(first: $size) { nodes { id } } }';
    const withDefault = 'query Page($size: Int = 4) { incidents(first: $size) { nodes { id } } }';

    expect(check(withoutDefault, { maxCost: 201 })).toEqual([]);
    expect(messages(check(withoutDefault, { maxCost: 200 }))).toEqual([
      'Query cost 201 exceeds the limit of 200',
    ]);
    expect(check(withDefault, { maxCost: 9 })).toEqual([]);
    expect(messages(check(withDefault, { maxCost: 8 }))).toEqual([
      'Query cost 9 exceeds the limit of 8',
    ]);

    // Once known, a value overrides the default it was priced at.
    expect(estimateCost(schema, parse(withDefault), {})).toBe(9);
    expect(estimateCost(schema, parse(withDefault), { size: 50 })).toBe(101);
  });

  it('prices the named operation, or the costliest when none is identified', () => {
    const document = parse(`
      query Cheap { tags }
      query Dear { incidents(first: 30) { totalCount } }
    `);

    expect(estimateCost(schema, document, {}, 'Cheap')).toBe(1);
    expect(estimateCost(schema, document, {}, 'Dear')).toBe(31);
    expect(estimateCost(schema, document, {})).toBe(31);
    expect(estimateCost(schema, document, {}, 'Missing')).toBe(31);
  });
});

describe('fragments', () => {
  it('does not loop on fragment cycles, and leaves reporting them to graphql', () => {
    const source = `
      query { incident(id: "1") { ...A } }
      fragment A on Incident { parent { ...B } }
      fragment B on Incident { parent { ...A } }
    `;

    const errors = check(source);
    expect(errors.map((error) => error.message)).toEqual([
      'Cannot spread fragment "A" within itself via "B".',
    ]);
    expect(Number.isFinite(estimateCost(schema, parse(source), {}))).toBe(true);
  });

  it('measures fragments that double at every level in linear time', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, and so on: 2^19 copies of the alias at the end.
    const levels = 20;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1
        ? `fragment F${level} on Incident { heading: title }`
        : `fragment F${level} on Incident { ...F${level + 1} ... { ...F${level + 1} } }`,
    );
    const source = `query { incident(id: "1") { ...F0 } } ${fragments.join(' ')}`;

    const started = performance.now();
    const errors = validate(schema, parse(source), createLimitRules(DEFAULT_QUERY_LIMITS));

    expect(performance.now() - started).toBeLessThan(500);
    expect(messages(errors)).toContain(
      `Query alias count ${2 ** (levels - 1)} exceeds the limit of 30`,
    );
    expect(estimateCost(schema, parse(source), {})).toBe(1 + 2 ** (levels - 1));
  });
});

describe('introspection', () => {
  it('accepts the standard introspection query under the default limits', () => {
    expect(check(getIntrospectionQuery())).toEqual([]);
  });

  it('still limits the depth of the fields beside it', () => {
    const source = `{ __schema { queryType { name } } ${queryOfDepth(11).slice(1, -1)} }`;

    expect(messages(check(source))).toEqual(['Query depth 11 exceeds the limit of 10']);
  });
});
