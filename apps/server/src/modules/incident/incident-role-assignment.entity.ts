import { Embedded, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { INCIDENT_ROLES, type IncidentRole } from '@keel/domain';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { IncidentRoleEnum } from '../../graphql/enums.js';
import { User } from '../account/user.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Incident } from './incident.entity.js';

/**
 * One person's stint in an incident role. The current holder is the row with no end; a unique
 * partial index (in the migration) keeps it to one per role.
 */
@Entity({ tableName: 'incident_role_assignment' })
@Index({ properties: ['incident', 'createdAt'] })
@Unique({
  name: 'incident_role_assignment_open_unique',
  expression:
    'create unique index "incident_role_assignment_open_unique" on "incident_role_assignment" ' +
    '("incident_id", "role") where "ended_at" is null',
})
@ObjectType('IncidentRoleAssignment', {
  simpleResolvers: true,
  description: "One person's stint in an incident role.",
})
export class IncidentRoleAssignment extends BaseEntity {
  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Incident;

  @Field(() => IncidentRoleEnum)
  @Enum({ items: () => [...INCIDENT_ROLES], type: 'string' })
  role!: IncidentRole;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  holder!: User;

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'assigned_by_' })
  assignedBy!: ActorStamp;

  /** Written by the previous holder's replacement when the role changes hands. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  handoffNote: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt: Date | null = null;
}
