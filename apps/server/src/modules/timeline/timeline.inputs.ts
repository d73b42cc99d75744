import type { TimelineEntryKind, TimelineEntrySource } from '@keel/collab';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../../graphql/enums.js';
import { Incident } from '../incident/incident.entity.js';
import { TimelineEntryKindEnum, TimelineEntrySourceEnum } from './timeline-entry.entity.js';

/** A link given with a new entry. */
@InputType('EvidenceLinkInput')
export class EvidenceLinkInput {
  @Field(() => String, { description: 'An http or https URL.' })
  url!: string;

  @Field(() => String, { nullable: true, description: "Defaults to the URL's host." })
  label?: string | null;
}

/** An entry written through the API rather than in the live editor. */
@InputType('AddTimelineEntryInput')
export class AddTimelineEntryInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => TimelineEntryKindEnum, {
    description: 'STATUS_CHANGE and ROLE_CHANGE are written by Keel and refused here.',
  })
  kind!: TimelineEntryKind;

  @Field(() => String, { description: 'Plain text, at most 10 000 characters.' })
  body!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When it happened; defaults to now, may be earlier, may not be in the future.',
  })
  occurredAt?: Date | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => [EvidenceLinkInput], { nullable: true })
  evidenceLinks?: EvidenceLinkInput[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  pinned?: boolean | null;
}

/** The orders `Incident.timeline` lists entries in: by `occurredAt`, then by id. */
export const TIMELINE_ORDERS = ['OLDEST_FIRST', 'NEWEST_FIRST'] as const;

/** One of {@link TIMELINE_ORDERS}. */
export type TimelineOrder = (typeof TIMELINE_ORDERS)[number];

/** GraphQL enum `TimelineOrder`. */
export const TimelineOrderEnum = enumOf(
  TIMELINE_ORDERS,
  'TimelineOrder',
  'Which end of the timeline a page starts from.',
);

/** Narrows `Incident.timeline`; every condition given must hold. */
@InputType('TimelineFilter')
export class TimelineFilter {
  @Field(() => [TimelineEntryKindEnum], { nullable: true })
  kinds?: TimelineEntryKind[] | null;

  @Field(() => Boolean, { nullable: true })
  pinned?: boolean | null;

  @Field(() => TimelineEntrySourceEnum, { nullable: true })
  source?: TimelineEntrySource | null;

  @Field(() => Date, { nullable: true, description: 'Entries that happened at or after this.' })
  occurredAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries that happened before this.' })
  occurredBefore?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  includeDeleted?: boolean | null;
}

/** Where a search hit was found. */
export const SEARCH_RESULT_KINDS = ['INCIDENT', 'POSTMORTEM'] as const;

/** One of {@link SEARCH_RESULT_KINDS}. */
export type SearchResultKind = (typeof SEARCH_RESULT_KINDS)[number];

/** GraphQL enum `SearchResultKind`. */
export const SearchResultKindEnum = Object.fromEntries(
  SEARCH_RESULT_KINDS.map((kind) => [kind, kind]),
) as { [K in SearchResultKind]: K };
registerEnumType(SearchResultKindEnum, {
  name: 'SearchResultKind',
  description: "Where a search hit was found: the incident's title and summary, or its postmortem.",
});

/** A stretch of a snippet to highlight. */
@ObjectType('TextRange', { simpleResolvers: true, description: 'A stretch of a string.' })
export class TextRange {
  @Field(() => Int, { description: 'Offset in UTF-16 code units, as JavaScript indexes strings.' })
  start!: number;

  @Field(() => Int)
  length!: number;
}

/** One hit of `search`. */
@ObjectType('SearchResult', { simpleResolvers: true, description: 'One hit of a search.' })
export class SearchResult {
  @Field(() => SearchResultKindEnum)
  kind!: SearchResultKind;

  @Field(() => Incident)
  incident!: Incident;

  @Field(() => String, {
    description: 'Plain text around the matches; never markup, so it is safe to show as text.',
  })
  snippet!: string;

  @Field(() => [TextRange], { description: 'Where the matching words are in the snippet.' })
  highlights!: TextRange[];

  @Field(() => Float, { description: 'Relevance; higher is better.' })
  rank!: number;
}
