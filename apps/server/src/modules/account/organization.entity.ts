import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';

/** A tenant: every other row belongs to exactly one organisation. */
@Entity({ tableName: 'organization' })
@ObjectType('Organization', {
  simpleResolvers: true,
  implements: Node,
  description: 'A company or department that runs Keel.',
})
export class Organization extends BaseEntity<'nextIncidentNumber'> {
  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  /** URL-safe and unique across Keel, derived from the name at sign-up. */
  @Field(() => String)
  @Unique()
  @Property({ type: 'string', length: 140 })
  slug!: string;

  /** Next human incident number (INC-1, INC-2, …); bumped under the organisation's row lock. */
  @Property({ type: 'integer', default: 1 })
  nextIncidentNumber: number = 1;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Organization', this.id);
  }
}
