import { MAX_NAME_LENGTH, checkText, type RiskAppetite } from '@keel/domain';
import { Arg, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../../auth/actor.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { RiskAppetiteEnum } from '../../graphql/enums.js';
import { keyOf } from '../../ids.js';
import { auditChange, diffFields } from '../audit/audit.service.js';
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

function validName(name: string): string {
  const problem = checkText(name, { field: 'name', max: MAX_NAME_LENGTH, required: true });
  if (problem) throw new BadUserInputError(problem);
  return name.trim();
}
