import {
  Collection,
  Embedded,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  Property,
  Unique,
} from '@mikro-orm/core';
import {
  DETECTION_SOURCES,
  INCIDENT_STATUSES,
  PRIORITIES,
  SEVERITIES,
  type DetectionSource,
  type IncidentStatus,
  type Priority,
  type Severity,
} from '@keel/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import {
  DetectionSourceEnum,
  IncidentStatusEnum,
  PriorityEnum,
  SeverityEnum,
} from '../../graphql/enums.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { User } from '../account/user.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Automation } from '../automation/automation.entity.js';

/** A failure being handled, from detection to closure. */
@Entity({ tableName: 'incident' })
@Unique({ properties: ['organization', 'number'] })
@Index({ properties: ['organization', 'createdAt', 'id'] })
@ObjectType('Incident', {
  simpleResolvers: true,
  implements: Node,
  description: 'A failure being handled, from detection to closure.',
})
export class Incident extends BaseEntity<
  'summary' | 'status' | 'version' | 'updatedAt' | 'reference'
> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** Per organisation, shown as INC-<number>. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text', default: '' })
  summary: string = '';

  @Field(() => SeverityEnum)
  @Enum({ items: () => [...SEVERITIES], type: 'string' })
  severity!: Severity;

  @Field(() => PriorityEnum, { nullable: true })
  @Enum({ items: () => [...PRIORITIES], type: 'string', nullable: true })
  priority: Priority | null = null;

  @Field(() => IncidentStatusEnum)
  @Enum({ items: () => [...INCIDENT_STATUSES], type: 'string' })
  status: IncidentStatus = 'DETECTED';

  @Field(() => DetectionSourceEnum)
  @Enum({ items: () => [...DETECTION_SOURCES], type: 'string' })
  detectionSource!: DetectionSource;

  @Field(() => Date, { description: 'When someone or something noticed the failure.' })
  @Property({ type: 'timestamptz' })
  detectedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the failure began, if known.' })
  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Field(() => ActorStamp, { description: 'Who declared the incident.' })
  @Embedded(() => ActorStamp, { prefix: 'declared_by_' })
  declaredBy!: ActorStamp;

  /** What is affected, in the words of whoever assessed it. */
  @Property({ type: 'text', nullable: true })
  impactScope: string | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  impactScopeValidatedBy: User | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  impactScopeValidatedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'First reached TRIAGED.' })
  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'First reached CONTAINED.' })
  @Property({ type: 'timestamptz', nullable: true })
  containedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Last reached RESOLVED.' })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @ManyToMany(() => Automation, undefined, { pivotTable: 'incident_automation', owner: true })
  automations = new Collection<Automation>(this);

  /** Bumped by every write; a write based on an older version is refused with CONFLICT. */
  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Incident', this.id);
  }

  @Field(() => String, { description: 'Human reference such as INC-42.' })
  get reference(): string {
    return `INC-${this.number}`;
  }
}
