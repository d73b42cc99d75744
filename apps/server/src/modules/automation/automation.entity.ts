import { ArrayType, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import {
  CRITICALITIES,
  PLATFORMS,
  type Criticality,
  type DataKind,
  type Platform,
} from '@keel/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { CriticalityEnum, DataKindEnum, PlatformEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { Team } from '../team/team.entity.js';

/** A no-code automation the organisation runs: a zap, a scenario, a flow, a workflow. */
@Entity({ tableName: 'automation' })
@Unique({ properties: ['organization', 'name'] })
@ObjectType('Automation', {
  simpleResolvers: true,
  implements: Node,
  description: 'A no-code automation in the catalog.',
})
export class Automation extends BaseEntity<'dataKinds' | 'updatedAt'> {
  @Index()
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => PlatformEnum)
  @Enum({ items: () => [...PLATFORMS], type: 'string' })
  platform!: Platform;

  /** Where the automation lives on its platform, for responders to jump to it. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 2048, nullable: true })
  externalUrl: string | null = null;

  @Index()
  @ManyToOne(() => Team, { nullable: true, deleteRule: 'set null' })
  ownerTeam: Team | null = null;

  @Field(() => String, { description: 'The business process this automation serves.' })
  @Property({ type: 'string', length: 120 })
  businessProcess!: string;

  @Field(() => CriticalityEnum)
  @Enum({ items: () => [...CRITICALITIES], type: 'string' })
  criticality!: Criticality;

  @Field(() => [DataKindEnum])
  @Property({ type: ArrayType })
  dataKinds: DataKind[] = [];

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Archived automations leave the catalog but stay linked to past incidents. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Automation', this.id);
  }
}
