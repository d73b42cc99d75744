import { Embedded, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { INCIDENT_STATUSES, type IncidentStatus } from '@keel/domain';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { IncidentStatusEnum } from '../../graphql/enums.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Incident } from './incident.entity.js';

/** One step of an incident's lifecycle, stamped with who, when and why. */
@Entity({ tableName: 'incident_transition' })
@Index({ properties: ['incident', 'createdAt'] })
@ObjectType('IncidentTransition', {
  simpleResolvers: true,
  description: 'A lifecycle step: who, when and why.',
})
export class IncidentTransition extends BaseEntity {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Incident;

  @Field(() => IncidentStatusEnum, { nullable: true, description: 'Null for the declaration.' })
  @Enum({ items: () => [...INCIDENT_STATUSES], type: 'string', nullable: true })
  fromStatus: IncidentStatus | null = null;

  @Field(() => IncidentStatusEnum)
  @Enum({ items: () => [...INCIDENT_STATUSES], type: 'string' })
  toStatus!: IncidentStatus;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'actor_' })
  actor!: ActorStamp;
}
