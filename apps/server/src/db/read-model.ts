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

  const props = readableProps(meta);
  const assigners = props.map(assignerFor);
  const ReadObject = readObjectClass(shadowPrototype(meta.class.prototype as object, props));
  const reader: RowReader<T> = (row) => {
    const target = new ReadObject();
    for (const assign of assigners) assign(target, row);
    return target as T;
  };
  readers.set(meta, reader);
  return reader;
}

/** Readers are built once per entity: building one walks its metadata. */
const readers = new WeakMap<object, RowReader<object>>();

type Assigner = (target: Record<string, unknown>, row: Record<string, unknown>) => void;

/**
 * A prototype between the entity's and the objects read, holding a plain writable slot for each
 * property read. MikroORM puts accessors on entity prototypes to track changes; the slots
 * shadow them, so filling an object is plain assignment and runs none of that tracking.
 */
function shadowPrototype<T>(entityPrototype: object, props: EntityProperty<T>[]): object {
  const slots: PropertyDescriptorMap = {};
  for (const prop of props) {
    const name = prop.embedded ? prop.embedded[1] : (prop.name as string);
    slots[name] = { value: undefined, writable: true, configurable: true };
  }
  return Object.create(entityPrototype, slots) as object;
}

/**
 * A constructor for read objects. V8 sizes the objects a constructor makes by the properties the
 * first few receive, and then stores those properties inside the object; `Object.create` gives
 * every object a small shape that each further property outgrows, which was a seventh of what a
 * board request allocated.
 */
function readObjectClass(prototype: object): new () => Record<string, unknown> {
  const ReadObject = function ReadObject() {} as unknown as new () => Record<string, unknown>;
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

function assignerFor<T>(prop: EntityProperty<T>): Assigner {
  // An embeddable's own property is named like its column; `embedded` holds [owner, name].
  const name = prop.embedded ? prop.embedded[1] : (prop.name as string);

  if (prop.kind === ReferenceKind.EMBEDDED) {
    const children = Object.values(prop.embeddedProps).map((child) => assignerFor(child));
    const prototype = shadowPrototype(
      (prop.embeddable as { prototype: object }).prototype,
      Object.values(prop.embeddedProps),
    );
    const Embeddable = readObjectClass(prototype);
    return (target, row) => {
      const value = new Embeddable();
      for (const assign of children) assign(value, row);
      target[name] = value;
    };
  }

  const column = prop.fieldNames[0]!;
  if (prop.kind === ReferenceKind.MANY_TO_ONE) {
    return (target, row) => {
      const id = row[column];
      target[name] = id === null || id === undefined ? null : { id };
    };
  }

  const convert = converterFor(prop);
  return (target, row) => {
    const value = row[column];
    target[name] = value === null || value === undefined ? null : convert(value);
  };
}

function converterFor<T>(prop: EntityProperty<T>): (value: unknown) => unknown {
  if (prop.runtimeType === 'Date') {
    return (value) => (value instanceof Date ? value : new Date(value as string));
  }
  return (value) => value;
}
