import { Embedded, Entity, JsonType, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { ApprovalPolicyDocument } from '@keel/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';

/**
 * One version of an organisation's approval policy. The newest row is in force; rows are never
 * updated, because each merge records which version applied to it. Version 1 is the default
 * policy every organisation starts with.
 */
@Entity({ tableName: 'approval_policy_version' })
@Unique({ properties: ['organization', 'number'] })
@ObjectType('ApprovalPolicy', {
  simpleResolvers: true,
  implements: Node,
  description: 'How many approvals, from whom, each risk level of change needs.',
})
export class ApprovalPolicyVersion extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => GraphQLJSONObject, { description: 'Shaped as an ApprovalPolicyDocument.' })
  @Property({ type: JsonType })
  document!: ApprovalPolicyDocument;

  @Field(() => ActorStamp, { nullable: true })
  @Embedded(() => ActorStamp, { prefix: 'published_by_', nullable: true })
  publishedBy: ActorStamp | null = null;

  @Property({ type: 'uuid', nullable: true })
  changeRequestId: string | null = null;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('ApprovalPolicy', this.id);
  }
}
