import { ArrayType, Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { TokenScope } from '@keel/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { TokenScopeEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { User } from '../account/user.entity.js';

/**
 * A credential for a third party. The secret is shown once at creation; the database keeps its
 * SHA-256 and a short prefix that helps people tell their tokens apart.
 */
@Entity({ tableName: 'api_token' })
@ObjectType('ApiToken', {
  simpleResolvers: true,
  implements: Node,
  description: 'A scoped credential for integrations and bots.',
})
export class ApiToken extends BaseEntity {
  @Index()
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  createdBy!: User;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  /** The first characters of the secret, safe to show. */
  @Field(() => String)
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  @Unique()
  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @Field(() => [TokenScopeEnum])
  @Property({ type: ArrayType })
  scopes!: TokenScope[];

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('ApiToken', this.id);
  }
}
