import {
  ArrayType,
  Embedded,
  Entity,
  Enum,
  Index,
  JsonType,
  ManyToOne,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import {
  TIMELINE_ENTRY_KINDS,
  TIMELINE_ENTRY_SOURCES,
  type TimelineEntryKind,
  type TimelineEntrySource,
} from '@keel/collab';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../account/organization.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Incident } from '../incident/incident.entity.js';

/** GraphQL enum `TimelineEntryKind`. */
export const TimelineEntryKindEnum = Object.fromEntries(
  TIMELINE_ENTRY_KINDS.map((kind) => [kind, kind]),
) as { [K in TimelineEntryKind]: K };
registerEnumType(TimelineEntryKindEnum, {
  name: 'TimelineEntryKind',
  description: 'What a timeline entry records.',
});

/** GraphQL enum `TimelineEntrySource`. */
export const TimelineEntrySourceEnum = Object.fromEntries(
  TIMELINE_ENTRY_SOURCES.map((source) => [source, source]),
) as { [K in TimelineEntrySource]: K };
registerEnumType(TimelineEntrySourceEnum, {
  name: 'TimelineEntrySource',
  description: 'Who produced an entry: a person, Keel itself, or an integration.',
});

/** A link that supports an entry, as stored in the projection. */
@ObjectType('EvidenceLink', { simpleResolvers: true, description: 'A link backing an entry.' })
export class EvidenceLinkType {
  @Field(() => String, { description: 'An http or https URL.' })
  url!: string;

  @Field(() => String)
  label!: string;
}

/**
 * One timeline entry as a relational row, projected from the incident's live timeline document
 * (see timeline.projection.ts). The document is the source of truth; this table exists so that
 * GraphQL can filter, page and subscribe without loading documents. Rows are rewritten from the
 * document, never edited on their own.
 */
@Entity({ tableName: 'timeline_entry' })
@Index({ properties: ['incident', 'occurredAt', 'entryId'] })
@ObjectType('TimelineEntry', {
  simpleResolvers: true,
  description: 'An entry of an incident timeline, as last projected from the live document.',
})
export class TimelineEntry {
  [PrimaryKeyProp]?: ['incident', 'entryId'];

  @ManyToOne(() => Incident, { primary: true, deleteRule: 'cascade' })
  incident!: Incident;

  /** The key of the entry's map in the timeline document. */
  @Field(() => ID, {
    name: 'id',
    // Renamed fields need type-graphql's resolver: the default one reads the schema name.
    simple: false,
    description: "The entry's key in the timeline document; unique within its incident.",
  })
  @PrimaryKey({ type: 'string', length: 64 })
  entryId!: string;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @Field(() => Date, { description: 'When it happened; may be earlier than when it was written.' })
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => Date, { description: 'When the entry was written.' })
  @Property({ type: 'timestamptz' })
  writtenAt!: Date;

  @Field(() => TimelineEntryKindEnum)
  @Enum({ items: () => [...TIMELINE_ENTRY_KINDS], type: 'string' })
  kind!: TimelineEntryKind;

  @Field(() => TimelineEntrySourceEnum)
  @Enum({ items: () => [...TIMELINE_ENTRY_SOURCES], type: 'string' })
  source!: TimelineEntrySource;

  @Field(() => ActorStamp, { description: 'Who wrote it, as named at the time.' })
  @Embedded(() => ActorStamp, { prefix: 'author_' })
  author!: ActorStamp;

  @Field(() => String, { description: 'The rich-text body as plain text, one line per block.' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  pinned!: boolean;

  @Field(() => [String])
  @Property({ type: ArrayType })
  tags!: string[];

  @Field(() => [EvidenceLinkType], { name: 'evidenceLinks', simple: false })
  @Property({ type: JsonType })
  evidence!: EvidenceLinkType[];

  @Field(() => Boolean, { description: 'Soft-deleted entries stay in the document.' })
  @Property({ type: 'boolean' })
  deleted!: boolean;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;

  @Field(() => Date, { description: 'When the projection last changed this row.' })
  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
