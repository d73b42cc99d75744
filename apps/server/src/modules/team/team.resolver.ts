import { MAX_NAME_LENGTH, checkText, type RiskAppetite } from '@keel/domain';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requirePermission } from '../../auth/actor.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { RiskAppetiteEnum } from '../../graphql/enums.js';
import { keyOf } from '../../ids.js';
import { auditChange, diffFields } from '../audit/audit.service.js';
import { Membership } from '../account/membership.entity.js';
import { User } from '../account/user.entity.js';
import { TeamMember } from './team-member.entity.js';
import { Team } from './team.entity.js';

/** A team's name and risk appetite. */
@InputType('TeamInput')
export class TeamInput {
  @Field(() => String)
  name!: string;

  @Field(() => RiskAppetiteEnum, { nullable: true, description: 'Defaults to BALANCED.' })
  riskAppetite?: RiskAppetite | null;
}

/** Departments that own automations. Admins manage them; everyone in the organisation reads. */
@Resolver(() => Team)
export class TeamResolver {
  @Query(() => [Team], { description: "The organisation's teams, by name." })
  async teams(@Ctx() ctx: RequestContext): Promise<Team[]> {
    const actor = requirePermission(ctx.actor, 'read');
    return ctx.em.find(Team, { organization: actor.organizationId }, { orderBy: { name: 'asc' } });
  }

  @Mutation(() => Team, { description: 'Creates a team (admins).' })
  async createTeam(
    @Arg('input', () => TeamInput) input: TeamInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Team> {
    const actor = requirePermission(ctx.actor, 'admin');
    const name = validName(input.name);

    return inTransaction(ctx.em, async (em) => {
      const team = em.create(Team, {
        organization: actor.organizationId,
        name,
        riskAppetite: input.riskAppetite ?? 'BALANCED',
      });
      await em.flush();

      await auditChange(em, ctx, actor, {
        action: 'team.create',
        targetType: 'Team',
        targetId: team.id,
        changes: diffFields({}, team, ['name', 'riskAppetite']),
      });
      return team;
    });
  }

  @Mutation(() => Team, { description: 'Renames a team or changes its risk appetite (admins).' })
  async updateTeam(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => TeamInput) input: TeamInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Team> {
    const actor = requirePermission(ctx.actor, 'admin');
    const name = validName(input.name);

    return inTransaction(ctx.em, async (em) => {
      const key = keyOf(id, 'Team');
      const team = key
        ? await em.findOne(Team, { id: key, organization: actor.organizationId })
        : null;
      if (!team) throw new NotFoundError('No such team.');

      const before = { name: team.name, riskAppetite: team.riskAppetite };
      team.name = name;
      team.riskAppetite = input.riskAppetite ?? team.riskAppetite;
      await em.flush();

      await auditChange(em, ctx, actor, {
        action: 'team.update',
        targetType: 'Team',
        targetId: team.id,
        changes: diffFields(before, team, ['name', 'riskAppetite']),
      });
      return team;
    });
  }
}

/** Team membership, which decides whose approval counts for a team under approval policies. */
@Resolver(() => Team)
export class TeamMemberResolver {
  @FieldResolver(() => [User], { description: 'Members of the team, by name.' })
  async members(@Root() team: Team, @Ctx() ctx: RequestContext): Promise<User[]> {
    const rows = await ctx.em.find(TeamMember, { team }, { populate: ['user'] });
    return rows.map((row) => row.user).sort((a, b) => a.name.localeCompare(b.name));
  }

  @Mutation(() => Team, { description: 'Adds a member of the organisation to a team (admins).' })
  async addTeamMember(
    @Arg('teamId', () => ID) teamId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Team> {
    return changeMembership(ctx, teamId, userId, true);
  }

  @Mutation(() => Team, { description: 'Removes someone from a team (admins).' })
  async removeTeamMember(
    @Arg('teamId', () => ID) teamId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Team> {
    return changeMembership(ctx, teamId, userId, false);
  }
}

async function changeMembership(
  ctx: RequestContext,
  teamId: string,
  userId: string,
  member: boolean,
): Promise<Team> {
  const actor = requirePermission(ctx.actor, 'admin');

  return inTransaction(ctx.em, async (em) => {
    const teamKey = keyOf(teamId, 'Team');
    const team = teamKey
      ? await em.findOne(Team, { id: teamKey, organization: actor.organizationId })
      : null;
    if (!team) throw new NotFoundError('No such team.');

    const userKey = keyOf(userId, 'User');
    const membership = userKey
      ? await em.findOne(Membership, { user: userKey, organization: actor.organizationId })
      : null;
    if (!membership) throw new NotFoundError('No such member of the organisation.');

    const existing = await em.findOne(TeamMember, { team, user: membership.user.id });
    if (member === Boolean(existing)) return team;

    if (existing) em.remove(existing);
    else em.create(TeamMember, { organization: actor.organizationId, team, user: membership.user });
    await em.flush();

    await auditChange(em, ctx, actor, {
      action: member ? 'team.add_member' : 'team.remove_member',
      targetType: 'Team',
      targetId: team.id,
      changes: { [`members.${membership.user.id}`]: { before: !member, after: member } },
    });
    return team;
  });
}

function validName(name: string): string {
  const problem = checkText(name, { field: 'name', max: MAX_NAME_LENGTH, required: true });
  if (problem) throw new BadUserInputError(problem);
  return name.trim();
}
