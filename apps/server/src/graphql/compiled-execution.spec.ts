import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GraphQLError,
  GraphQLID,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLResolveInfo,
} from 'graphql';
import { GraphQLDateTime, GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import type * as GraphqlJit from 'graphql-jit';
import { NotFoundError } from '../errors/not-found-error.js';
import { createLogger } from '../logger.js';
import { createCompiledExecutor, type CompiledExecutorOptions } from './compiled-execution.js';

/** Set by a test to make every compiled query throw, as a fault in graphql-jit's code would. */
const jitFault = vi.hoisted(() => ({ on: false }));

vi.mock('graphql-jit', async (importOriginal) => {
  const jit = await importOriginal<typeof GraphqlJit>();
  return {
    ...jit,
    compileQuery(schema: GraphQLSchema, document: DocumentNode, operationName?: string) {
      type Data = Record<string, unknown>;
      const compiled = jit.compileQuery<Data, Data>(schema, document, operationName);
      if (!jit.isCompiledQuery(compiled)) return compiled;

      return {
        ...compiled,
        query: (root: unknown, context: unknown, variables: Data) => {
          if (jitFault.on) throw new Error('fault in compiled code');
          return compiled.query(root, context, variables);
        },
      };
    },
  };
});

/** What resolvers saw: whether graphql-js ran them (its paths name the parent type). */
let interpreted: boolean[] = [];
const record = (info: GraphQLResolveInfo) =>
  interpreted.push((info.path as { typename?: string }).typename !== undefined);

const Node = new GraphQLInterfaceType({
  name: 'Node',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) } },
  resolveType: (value: { kind: string }) => value.kind,
});
const Person = new GraphQLObjectType({
  name: 'Person',
  interfaces: [Node],
  fields: { id: { type: new GraphQLNonNull(GraphQLID) }, name: { type: GraphQLString } },
});
const Team = new GraphQLObjectType({
  name: 'Team',
  interfaces: [Node],
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    size: { type: new GraphQLNonNull(GraphQLInt) },
  },
});
const NODES: Record<string, object> = {
  p1: { kind: 'Person', id: 'p1', name: 'Ada' },
  t1: { kind: 'Team', id: 't1', size: 3 },
  broken: { kind: 'Team', id: 'broken', size: null },
};

/** A list whose iteration fails, as an uninitialised collection's does. */
const unreadable = {
  get [Symbol.iterator]() {
    throw new Error('collection not initialised');
  },
};

const written: string[] = [];
const schema = new GraphQLSchema({
  types: [Person, Team],
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      node: {
        type: Node,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: (_root, args: { id: string }, _ctx, info) => {
          record(info);
          if (args.id === 'gone') throw new NotFoundError('No such node.', { id: args.id });
          return NODES[args.id] ?? null;
        },
      },
      nodes: {
        type: new GraphQLList(Node),
        resolve: async () => [NODES.p1, Promise.reject(new Error('database down')), NODES.t1],
      },
      when: {
        type: GraphQLDateTime,
        args: { at: { type: GraphQLDateTime } },
        resolve: (_root, args: { at?: Date }) => args.at ?? new Date('2026-01-02T03:04:05.678Z'),
      },
      json: { type: GraphQLJSON, resolve: () => ({ a: [1, 'two', null], b: { c: true } }) },
      object: { type: GraphQLJSONObject, resolve: () => ({ nested: { list: [1, 2] } }) },
      required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
      unreadable: { type: new GraphQLList(GraphQLString), resolve: () => unreadable },
      unreadableLater: { type: new GraphQLList(GraphQLString), resolve: async () => unreadable },
      failing: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('secret SQL in the message');
        },
      },
      rejected: {
        type: GraphQLString,
        resolve: () => Promise.reject(new NotFoundError('Not here.')),
      },
      page: {
        type: GraphQLInt,
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, args: { first: number }) => args.first,
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      write: {
        type: GraphQLString,
        args: { text: { type: new GraphQLNonNull(GraphQLString) }, ms: { type: GraphQLInt } },
        resolve: async (_root, args: { text: string; ms?: number }) => {
          await new Promise((resolve) => setTimeout(resolve, args.ms ?? 0));
          written.push(args.text);
          return args.text;
        },
      },
    },
  }),
});

function executor(options: Partial<CompiledExecutorOptions> = {}) {
  const run = createCompiledExecutor<object>({
    schema,
    logger: createLogger('silent'),
    ...options,
  });
  return (query: string, variables?: Record<string, unknown>) =>
    run({
      queryHash: query,
      document: parse(query),
      operationName: null,
      variables,
      contextValue: {},
    });
}

/** A result as a client receives it, with each error's original error and extensions. */
function asSent(result: ExecutionResult) {
  return {
    json: JSON.parse(JSON.stringify(result)) as unknown,
    originals: result.errors?.map((error) => ({
      isGraphQLError: error instanceof GraphQLError,
      original: error.originalError?.constructor.name,
      extensions: error.extensions,
    })),
  };
}

const OPERATIONS: [string, string, Record<string, unknown>?][] = [
  ['an interface resolved to its type', '{ a: node(id: "p1") { id ... on Person { name } } }'],
  ['several concrete types', '{ p: node(id: "p1") { __typename id } t: node(id: "t1") { id } }'],
  ['a client error with its code', '{ node(id: "gone") { id } }'],
  [
    'a null in a non-null field inside an abstract type',
    '{ node(id: "broken") { ... on Team { size } } }',
  ],
  ['a rejected list item', '{ nodes { id } }'],
  ['custom scalars', '{ when json object }'],
  [
    'a DateTime argument',
    'query Q($at: DateTime) { when(at: $at) }',
    { at: '2026-05-06T07:08:09Z' },
  ],
  ['null in a non-null root field', '{ required }'],
  ['a list that cannot be iterated', '{ unreadable when }'],
  ['a list that cannot be iterated, from an async resolver', '{ unreadableLater when }'],
  ['an unexpected error', '{ failing when }'],
  ['a rejected promise', '{ rejected }'],
  ['a variable of the wrong type', 'query Q($n: Int!) { page(first: $n) }', { n: 'ten' }],
  ['a missing variable', 'query Q($n: Int!) { page(first: $n) }', {}],
  ['null for a non-null argument', 'query Q($n: Int = 5) { page(first: $n) }', { n: null }],
  [
    'skip and include',
    'query Q($s: Boolean!) { a: page(first: 1) @skip(if: $s) b: page(first: 2) @include(if: $s) }',
    { s: true },
  ],
  ['introspection', '{ __type(name: "Node") { kind possibleTypes { name } } }'],
];

describe('compiled execution', () => {
  it.each(OPERATIONS)('answers %s exactly as graphql-js does', async (_name, query, variables) => {
    const run = executor({ interpretedRuns: 0 });
    const expected = await execute({ schema, document: parse(query), variableValues: variables });

    expect(asSent(await run(query, variables))).toEqual(asSent(expected));
    expect(asSent(await run(query, variables))).toEqual(asSent(expected));
  });

  it('reports the located error graphql-js reports, original error included', async () => {
    const result = await executor({ interpretedRuns: 0 })('{ node(id: "gone") { id } }');
    const [error] = result.errors ?? [];

    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.originalError).toBeInstanceOf(NotFoundError);
    expect(error?.path).toEqual(['node']);
    expect(error?.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error?.extensions).toEqual({ code: 'NOT_FOUND', id: 'gone' });
  });

  it('runs mutations one after another, in document order', async () => {
    written.length = 0;
    const result = await executor({ interpretedRuns: 0 })(
      'mutation { a: write(text: "first", ms: 20) b: write(text: "second") }',
    );

    expect(result).toEqual({ data: { a: 'first', b: 'second' } });
    expect(written).toEqual(['first', 'second']);
  });

  it('runs a document through graphql-js until it has been seen, then compiled', async () => {
    const run = executor({ interpretedRuns: 2 });
    interpreted = [];

    for (let i = 0; i < 4; i += 1) await run('{ node(id: "p1") { id } }');

    expect(interpreted).toEqual([true, true, false, false]);
  });

  it('forgets the least recently used documents beyond its bound', async () => {
    const run = executor({ interpretedRuns: 1, maxDocuments: 1 });
    interpreted = [];

    await run('{ node(id: "p1") { id } }');
    await run('{ node(id: "t1") { id } }');
    await run('{ node(id: "p1") { id } }');
    await run('{ node(id: "p1") { id } }');

    expect(interpreted).toEqual([true, true, true, false]);
  });

  describe('when compiled code throws', () => {
    afterEach(() => {
      jitFault.on = false;
    });

    it('answers a query through graphql-js, and from then on runs it there', async () => {
      const run = executor({ interpretedRuns: 0 });
      const query = '{ node(id: "p1") { id } }';
      interpreted = [];
      jitFault.on = true;

      const expected = await execute({ schema, document: parse(query) });
      interpreted = [];
      expect(await run(query)).toEqual(expected);
      jitFault.on = false;
      expect(await run(query)).toEqual(expected);

      expect(interpreted).toEqual([true, true]);
    });

    it('does not run a mutation a second time', async () => {
      const run = executor({ interpretedRuns: 0 });
      written.length = 0;
      jitFault.on = true;

      await expect(run('mutation { write(text: "once") }')).rejects.toThrow(/fault/);
      expect(written).toEqual([]);
    });
  });

  it('serves a document graphql-jit cannot compile through graphql-js', async () => {
    const run = executor({ interpretedRuns: 0 });
    const query = '{ a: node(id: "p1") { id } } { b: node(id: "t1") { id } }';

    expect(await run(query)).toEqual(await execute({ schema, document: parse(query) }));
  });
});
