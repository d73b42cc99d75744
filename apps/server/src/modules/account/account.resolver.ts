import type { MembershipRole } from '@keel/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { MembershipRoleEnum } from '../../graphql/enums.js';
import {
  AddMemberInput,
  SessionPayload,
  SignInInput,
  SignUpInput,
  Viewer,
} from './account.inputs.js';
import { AccountService } from './account.service.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

/** Sign-up, sign-in and the caller's own identity. */
@Resolver()
export class AccountResolver {
  @Query(() => Viewer, { nullable: true, description: 'The caller; null when anonymous.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer | null> {
    const actor = ctx.actor;
    if (!actor) return null;

    const viewer = new Viewer();
    viewer.kind = actor.kind;
    viewer.name = actor.name;
    viewer.organization = await ctx.em.findOneOrFail(Organization, actor.organizationId);
    viewer.user = actor.kind === 'USER' ? await ctx.loaders.user.load(actor.userId) : null;
    viewer.role = actor.kind === 'USER' ? actor.role : null;
    viewer.scopes = actor.kind === 'TOKEN' ? [...actor.scopes] : null;
    return viewer;
  }

  @Mutation(() => SessionPayload, {
    description: 'Creates an organisation and its first admin, and signs in.',
  })
  async signUp(
    @Arg('input', () => SignUpInput) input: SignUpInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionPayload> {
    return new AccountService(ctx).signUp(input);
  }

  @Mutation(() => SessionPayload, { description: 'Opens a session held in an httpOnly cookie.' })
  async signIn(
    @Arg('input', () => SignInInput) input: SignInInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionPayload> {
    return new AccountService(ctx).signIn(input);
  }

  @Mutation(() => Boolean, { description: "Ends the caller's session." })
  async signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    return new AccountService(ctx).signOut();
  }

  @Mutation(() => SessionPayload, { description: 'Works in another of your organisations.' })
  async switchOrganization(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionPayload> {
    return new AccountService(ctx).switchOrganization(organizationId);
  }

  @Mutation(() => Membership, { description: 'Adds a person to the organisation (admins).' })
  async addMember(
    @Arg('input', () => AddMemberInput) input: AddMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Membership> {
    return new AccountService(ctx).addMember(input);
  }

  @Mutation(() => Membership, { description: "Changes a member's role (admins)." })
  async changeMemberRole(
    @Arg('membershipId', () => ID) membershipId: string,
    @Arg('role', () => MembershipRoleEnum) role: MembershipRole,
    @Ctx() ctx: RequestContext,
  ): Promise<Membership> {
    return new AccountService(ctx).changeMemberRole(membershipId, role);
  }

  @Mutation(() => Boolean, { description: 'Removes a member and ends their sessions (admins).' })
  async removeMember(
    @Arg('membershipId', () => ID) membershipId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return new AccountService(ctx).removeMember(membershipId);
  }

  @Query(() => [Membership], { description: "The organisation's members, by name." })
  async members(@Ctx() ctx: RequestContext): Promise<Membership[]> {
    const actor = requirePermission(ctx.actor, 'read');
    const memberships = await ctx.em.find(
      Membership,
      { organization: actor.organizationId },
      { populate: ['user'] },
    );
    return memberships.sort((a, b) => a.user.name.localeCompare(b.user.name));
  }
}

/** Fields of a membership that point elsewhere. */
@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => User)
  async user(@Root() membership: Membership, @Ctx() ctx: RequestContext): Promise<User> {
    const user = await ctx.loaders.user.load(membership.user.id);
    return user!;
  }

  @FieldResolver(() => Organization)
  async organization(
    @Root() membership: Membership,
    @Ctx() ctx: RequestContext,
  ): Promise<Organization> {
    return ctx.em.findOneOrFail(Organization, membership.organization.id);
  }
}

/** The viewer's list of organisations. */
@Resolver(() => Viewer)
export class ViewerResolver {
  @FieldResolver(() => [Membership], {
    description: "The person's organisations; empty for a token.",
  })
  async memberships(@Root() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    if (!viewer.user) return [];
    return new AccountService(ctx).membershipsOf(viewer.user.id);
  }
}
