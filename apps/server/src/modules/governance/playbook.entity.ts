import {
  Embedded,
  Entity,
  Enum,
  Index,
  JsonType,
  ManyToOne,
  Property,
  Unique,
} from '@mikro-orm/core';
import type { PlaybookDocument } from '@keel/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { enumOf } from '../../graphql/enums.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Team } from '../team/team.entity.js';

/** Whether a playbook is in use or retired. */
export const PLAYBOOK_STATUSES = ['ACTIVE', 'DEPRECATED'] as const;

/** One of {@link PLAYBOOK_STATUSES}. */
export type PlaybookStatus = (typeof PLAYBOOK_STATUSES)[number];

/** GraphQL enum `PlaybookStatus`. */
export const PlaybookStatusEnum = enumOf(
  PLAYBOOK_STATUSES,
  'PlaybookStatus',
  'ACTIVE playbooks are offered for incidents; DEPRECATED ones name their replacement.',
);

/**
 * A response procedure for one family of failures. The row holds what changes as versions are
 * merged (current version, status, last review); the content lives in immutable versions.
 * Every change to it comes from merging a change request.
 */
@Entity({ tableName: 'playbook' })
@ObjectType('Playbook', {
  simpleResolvers: true,
  implements: Node,
  description: 'A versioned response procedure, changed only through change requests.',
})
export class Playbook extends BaseEntity<'status' | 'updatedAt' | 'replacedBy'> {
  @Index()
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** The current version's title, copied here so lists need no join. */
  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @ManyToOne(() => Team, { deleteRule: 'restrict' })
  ownerTeam!: Team;

  @Field(() => PlaybookStatusEnum)
  @Enum({ items: () => [...PLAYBOOK_STATUSES], type: 'string' })
  status: PlaybookStatus = 'ACTIVE';

  @ManyToOne(() => Playbook, { nullable: true, deleteRule: 'set null' })
  replacedBy: Playbook | null = null;

  /** Number of the newest version; merging a change request moves it on by one. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  currentVersionNumber!: number;

  /** When someone last confirmed the playbook still fits; publishing a version counts. */
  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  lastReviewedAt!: Date;

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Playbook', this.id);
  }
}

/** One published version of a playbook. Rows are written once and never updated. */
@Entity({ tableName: 'playbook_version' })
@Unique({ properties: ['playbook', 'number'] })
@ObjectType('PlaybookVersion', {
  simpleResolvers: true,
  implements: Node,
  description: 'An immutable published version of a playbook.',
})
export class PlaybookVersion extends BaseEntity {
  @Index()
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => Playbook, { deleteRule: 'cascade' })
  playbook!: Playbook;

  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => GraphQLJSONObject, {
    description: 'The content, shaped as a PlaybookDocument (see the governance guide).',
  })
  @Property({ type: JsonType })
  document!: PlaybookDocument;

  @Field(() => ActorStamp, { description: 'Who merged the change request that published it.' })
  @Embedded(() => ActorStamp, { prefix: 'published_by_' })
  publishedBy!: ActorStamp;

  /** The change request whose merge created this version; the key, not a relation, to avoid
   * a cycle between the two tables. */
  @Property({ type: 'uuid' })
  changeRequestId!: string;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('PlaybookVersion', this.id);
  }
}
