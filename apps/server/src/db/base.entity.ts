import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { uuidv7 } from '../ids.js';

/** Columns every table shares: a time-ordered UUID key and the creation time (UTC). */
@ObjectType({ simpleResolvers: true })
export abstract class BaseEntity<Defaulted extends string = never> {
  /** Properties `em.create` may omit: those with defaults, and getters. */
  [OptionalProps]?: Defaulted | 'createdAt' | 'nodeId';

  /** The database key; clients see the opaque `id` each entity derives from it. */
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
