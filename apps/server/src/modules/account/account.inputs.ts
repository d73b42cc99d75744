import type { MembershipRole, TokenScope } from '@keel/domain';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MembershipRoleEnum, TokenScopeEnum } from '../../graphql/enums.js';
import { ActorKindEnum, type ActorKind } from '../actor/actor-stamp.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

/** Creates an organisation and its first user, who becomes its admin. */
@InputType('SignUpInput')
export class SignUpInput {
  @Field(() => String)
  organizationName!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  password!: string;
}

/** Credentials, and optionally which of the user's organisations to work in. */
@InputType('SignInInput')
export class SignInInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the oldest membership.' })
  organizationId?: string | null;
}

/** Adds a person to the caller's organisation, creating their account when it is new. */
@InputType('AddMemberInput')
export class AddMemberInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: 'Required when the account is new.' })
  name?: string | null;

  @Field(() => MembershipRoleEnum)
  role!: MembershipRole;

  @Field(() => String, {
    nullable: true,
    description: 'First password for a new account; ignored for an existing one.',
  })
  initialPassword?: string | null;
}

/** Who is asking: a person in an organisation, or a token. */
@ObjectType('Viewer', {
  simpleResolvers: true,
  description: 'The caller: a signed-in person or an API token.',
})
export class Viewer {
  @Field(() => ActorKindEnum)
  kind!: ActorKind;

  @Field(() => String)
  name!: string;

  @Field(() => User, { nullable: true, description: 'The person; null for a token.' })
  user!: User | null;

  @Field(() => Organization)
  organization!: Organization;

  @Field(() => MembershipRoleEnum, { nullable: true, description: "The person's role." })
  role!: MembershipRole | null;

  @Field(() => [TokenScopeEnum], { nullable: true, description: "The token's scopes." })
  scopes!: TokenScope[] | null;
}

/** What signing up or in returns; the session itself travels in an httpOnly cookie. */
@ObjectType('SessionPayload', { simpleResolvers: true })
export class SessionPayload {
  @Field(() => User)
  user!: User;

  @Field(() => Organization)
  organization!: Organization;

  @Field(() => Membership)
  membership!: Membership;

  @Field(() => [Membership], { description: "All of the user's organisations." })
  memberships!: Membership[];

  @Field(() => Date)
  expiresAt!: Date;
}
