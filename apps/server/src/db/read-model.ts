import {
  ReferenceKind,
  type EntityClass,
  type EntityMetadata,
  type EntityProperty,
  type MetadataStorage,
} from '@mikro-orm/core';

/** Turns a row of column values into an object GraphQL can serve in place of an entity. */
export type RowReader<T> = (row: Record<string, unknown>) => T;

/**
 * Builds a reader for an entity's rows that skips the unit of work. Read-only lists (the incident
 * board) need the entity's getters and field resolvers, not change tracking; managed entities
 * cost tens of microseconds each to create, which dominated a page of fifty incidents.
 *
 * The object has the entity's prototype and its scalar and embedded properties; a many-to-one
 * property holds `{ id }`, which is all resolvers read from it; collections are absent (field
 * resolvers load them). Such objects must never be persisted.
 */
export function rowReader<T extends object>(
  metadata: MetadataStorage,
  entity: EntityClass<T>,
): RowReader<T> {
  const meta = metadata.get<T>(entity.name);
  const cached = readers.get(meta);
  if (cached) return cached as RowReader<T>;

  const ReadObject = readObjectClass(meta.class.prototype as object, readableProps(meta));
  const reader: RowReader<T> = (row) => new ReadObject(row) as T;
  readers.set(meta, reader);
  return reader;
}

/** Reads rows that a statement sends as JSON arrays of an entity's columns. */
export interface TupleReader<T> {
  /** The entity's columns, in the order the arrays hold them. */
  columns: readonly string[];
  read: (values: unknown[]) => T;
}

/**
 * Builds a reader for rows sent as `json_build_array` of {@link TupleReader.columns}. An array
 * leaves the column names out of the JSON, which for small rows are most of its bytes, and so of
 * what the server parses and collects: a board page's role stints, sent as whole-row objects,
 * were over half of its statement's result.
 */
export function tupleReader<T extends object>(
  metadata: MetadataStorage,
  entity: EntityClass<T>,
): TupleReader<T> {
  const meta = metadata.get<T>(entity.name);
  const cached = tupleReaders.get(meta);
  if (cached) return cached as TupleReader<T>;

  const readRow = rowReader(metadata, entity);
  const columns = readableProps(meta).flatMap((prop) =>
    prop.kind === ReferenceKind.EMBEDDED
      ? Object.values(prop.embeddedProps).map((embedded) => embedded.fieldNames[0]!)
      : [prop.fieldNames[0]!],
  );

  const reader: TupleReader<T> = {
    columns,
    read: (values) => {
      const row: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        row[column] = values[index];
      });
      return readRow(row);
    },
  };
  tupleReaders.set(meta, reader);
  return reader;
}

const tupleReaders = new WeakMap<object, TupleReader<object>>();

/** Readers are built once per entity: building one walks its metadata. */
const readers = new WeakMap<object, RowReader<object>>();

type ReadObjectClass = new (row: Record<string, unknown>) => object;

/**
 * A constructor that copies a row's columns into the properties of an object whose prototype
 * sits between the entity's and the object, holding a plain writable slot for each property
 * read. MikroORM puts accessors on entity prototypes to track changes; the slots shadow them,
 * so filling an object runs none of that tracking.
 *
 * The constructor's body is generated, one assignment per property, from the entity's metadata
 * (never from data). A loop over the properties made each access a lookup by a varying key,
 * which V8 cannot specialise, and cost more than a microsecond per object; generated, each
 * object is laid out once, with its properties stored inside it.
 */
function readObjectClass<T>(entityPrototype: object, props: EntityProperty<T>[]): ReadObjectClass {
  const slots: PropertyDescriptorMap = {};
  const statements: string[] = [];
  const helpers: unknown[] = [];
  const helper = (value: unknown) => `helpers[${helpers.push(value) - 1}]`;

  for (const prop of props) {
    const name = prop.embedded ? prop.embedded[1] : (prop.name as string);
    slots[name] = { value: undefined, writable: true, configurable: true };

    const target = `this[${JSON.stringify(name)}]`;
    if (prop.kind === ReferenceKind.EMBEDDED) {
      const Embedded = readObjectClass(
        (prop.embeddable as { prototype: object }).prototype,
        Object.values(prop.embeddedProps),
      );
      statements.push(`${target} = new ${helper(Embedded)}(row);`);
      continue;
    }

    const column = `row[${JSON.stringify(prop.fieldNames[0])}]`;
    if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      statements.push(`value = ${column};`, `${target} = value == null ? null : { id: value };`);
    } else if (prop.runtimeType === 'Date') {
      statements.push(
        `value = ${column};`,
        `${target} = value == null ? null : value instanceof Date ? value : new Date(value);`,
      );
    } else {
      statements.push(`${target} = ${column} ?? null;`);
    }
  }

  const prototype = Object.create(entityPrototype, slots) as object;
  const body = `return function ReadObject(row) {\n  let value;\n  ${statements.join('\n  ')}\n};`;
  const ReadObject = new Function('helpers', body)(helpers) as ReadObjectClass;
  ReadObject.prototype = prototype;
  return ReadObject;
}

function readableProps<T>(meta: EntityMetadata<T>): EntityProperty<T>[] {
  return meta.props.filter(
    (prop) =>
      !prop.embedded &&
      prop.persist !== false &&
      [ReferenceKind.SCALAR, ReferenceKind.EMBEDDED, ReferenceKind.MANY_TO_ONE].includes(
        prop.kind,
      ) &&
      (prop.kind === ReferenceKind.EMBEDDED || prop.fieldNames?.length === 1),
  );
}
