import { Entity, Enum, ManyToOne, Unique } from '@mikro-orm/core';
import { MEMBERSHIP_ROLES, type MembershipRole } from '@keel/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { MembershipRoleEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

/** A user's place in an organisation, with the role that decides what they may do there. */
@Entity({ tableName: 'membership' })
@Unique({ properties: ['organization', 'user'] })
@ObjectType('Membership', {
  simpleResolvers: true,
  implements: Node,
  description: "A user's role in an organisation.",
})
export class Membership extends BaseEntity<'joinedAt'> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Field(() => MembershipRoleEnum)
  @Enum({ items: () => [...MEMBERSHIP_ROLES], type: 'string' })
  role!: MembershipRole;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Membership', this.id);
  }

  @Field(() => Date, { name: 'joinedAt' })
  get joinedAt(): Date {
    return this.createdAt;
  }
}
