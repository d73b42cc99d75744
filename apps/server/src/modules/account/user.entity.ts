import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';

/** A person who signs in. A user may belong to several organisations. */
@Entity({ tableName: 'app_user' })
@ObjectType('User', {
  simpleResolvers: true,
  implements: Node,
  description: 'A person who signs in to Keel.',
})
export class User extends BaseEntity {
  /** Stored lower-cased, so sign-in ignores case. */
  @Field(() => String)
  @Unique()
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  /** Argon2id hash in PHC string form; never exposed through GraphQL. */
  @Property({ type: 'string', length: 255, lazy: true })
  passwordHash!: string;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('User', this.id);
  }
}
