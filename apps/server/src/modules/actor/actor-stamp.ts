import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { enumOf } from '../../graphql/enums.js';

/** Who performed an action: a person, an API token, or Keel itself. */
export const ACTOR_KINDS = ['USER', 'TOKEN', 'SYSTEM'] as const;

/** One of {@link ACTOR_KINDS}. */
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** GraphQL enum `ActorKind`. */
export const ActorKindEnum = enumOf(ACTOR_KINDS, 'ActorKind', 'Who performed an action.');

/**
 * The author of a stored action, copied onto the row. The name is kept as it was at the time, so
 * history still reads correctly after a user is renamed or a token deleted.
 */
@Embeddable()
@ObjectType('Actor', {
  simpleResolvers: true,
  description: 'Who performed an action, as it was at the time.',
})
export class ActorStamp {
  @Field(() => ActorKindEnum)
  @Enum({ items: () => [...ACTOR_KINDS], type: 'string' })
  kind!: ActorKind;

  /** The user's or the token's database key; null for Keel itself. */
  @Property({ type: 'uuid', nullable: true })
  id: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;
}
