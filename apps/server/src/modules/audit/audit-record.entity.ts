import { BigIntType, Embedded, Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';

/** Before and after values of the fields a change touched. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * One entry of an organisation's append-only audit trail. Entries are numbered per organisation
 * and each carries the hash of the one before it, so an edited or deleted row breaks the chain.
 */
@Entity({ tableName: 'audit_record' })
@Unique({ properties: ['organization', 'sequence'] })
@Index({ properties: ['organization', 'targetType', 'targetId', 'sequence'] })
@ObjectType('AuditRecord', {
  simpleResolvers: true,
  implements: Node,
  description: 'An entry of the tamper-evident audit trail.',
})
export class AuditRecord extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** 1, 2, 3, … within the organisation, without gaps. */
  @Field(() => String, { description: 'Position in the organisation’s chain (a decimal integer).' })
  @Property({ type: new BigIntType('string') })
  sequence!: string;

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'actor_' })
  actor!: ActorStamp;

  /** A dotted verb such as `incident.transition`. */
  @Field(() => String)
  @Property({ type: 'string', length: 80 })
  action!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 40 })
  targetType!: string;

  @Property({ type: 'uuid' })
  targetId!: string;

  @Field(() => GraphQLJSONObject, { description: 'Changed fields with their before and after.' })
  @Property({ type: 'json' })
  changes: FieldChanges = {};

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  requestId: string | null = null;

  /** Hex SHA-256 of the previous record's hash; 64 zeros for the first. */
  @Property({ type: 'string', length: 64 })
  previousHash!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('AuditRecord', this.id);
  }
}
