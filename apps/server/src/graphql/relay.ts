import { MAX_PAGE_SIZE } from '@keel/domain';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors/bad-user-input-error.js';
import { UUID_PATTERN } from '../ids.js';

/** Page size when a client does not ask for one. */
export const DEFAULT_PAGE_SIZE = 20;

/** Relay's page information. */
@ObjectType('PageInfo', {
  simpleResolvers: true,
  description: 'Where a page sits in the whole list.',
})
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: lists are paged forwards only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** `first` and `after`, shared by every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `1 to ${MAX_PAGE_SIZE}; default 20.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

/** A validated page request. */
export interface PageRequest<C> {
  first: number;
  after: C | null;
}

/** Checks `first` and decodes `after`; a bad value is BAD_USER_INPUT. */
export function pageRequest<C>(args: PageArgs, isCursor: (value: unknown) => value is C) {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`);
  }

  let after: C | null = null;
  if (args.after) {
    const decoded = decodeCursor(args.after);
    if (!isCursor(decoded)) throw new BadUserInputError('"after" is not a cursor from this list.');
    after = decoded;
  }
  return { first, after } satisfies PageRequest<C>;
}

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): unknown {
  if (cursor.length > 500) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** A cursor made of an ISO time and a UUID, for lists ordered newest first. */
export type TimeCursor = [string, string];

/** Whether a decoded value is a {@link TimeCursor}. */
export function isTimeCursor(value: unknown): value is TimeCursor {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === 'string' &&
    UUID_PATTERN.test(value[1])
  );
}

/** The shape every connection object has before GraphQL serialises it. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Builds a page from rows fetched with one extra row (`first + 1`), which tells whether another
 * page follows without a second query. Edges are built when first read: a client asking for
 * `nodes` alone does not pay for a cursor per row.
 */
export function connectionFrom<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => unknown,
  totalCount: number,
): ConnectionShape<T> {
  const nodes = rows.slice(0, first);
  const cursor = (node: T) => encodeCursor(cursorOf(node));

  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = rows.length > first;
  pageInfo.hasPreviousPage = false;
  pageInfo.startCursor = nodes.length > 0 ? cursor(nodes[0]!) : null;
  pageInfo.endCursor = nodes.length > 0 ? cursor(nodes.at(-1)!) : null;

  let edges: ConnectionShape<T>['edges'] | undefined;
  return {
    nodes,
    pageInfo,
    totalCount,
    get edges() {
      edges ??= nodes.map((node) => ({ cursor: cursor(node), node }));
      return edges;
    },
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${name} objects.`,
  })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node], { description: 'The same nodes as `edges`, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many objects match, across all pages.' })
    totalCount!: number;
  }

  return Connection;
}

/**
 * Whether the query selects a field directly under the current one (through fragments too), so
 * a resolver can skip a COUNT nobody asked for.
 */
export function selects(info: GraphQLResolveInfo, fieldName: string): boolean {
  const visit = (selectionSet: SelectionSetNode | undefined, depth: number): boolean => {
    if (!selectionSet || depth > 5) return false;

    return selectionSet.selections.some((selection) => {
      if (selection.kind === 'Field') return selection.name.value === fieldName;
      if (selection.kind === 'InlineFragment') return visit(selection.selectionSet, depth + 1);

      const fragment = info.fragments[selection.name.value];
      return visit(fragment?.selectionSet, depth + 1);
    });
  };
  return info.fieldNodes.some((node) => visit(node.selectionSet, 0));
}
