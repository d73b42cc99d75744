import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { PageArgs, connectionType, selects } from '../../graphql/relay.js';
import { IncidentConnection } from '../incident/incident.resolver.js';
import { IncidentQueries } from '../incident/incident.queries.js';
import { Team } from '../team/team.entity.js';
import { AutomationFilter, AutomationInput } from './automation.inputs.js';
import { Automation } from './automation.entity.js';
import { AutomationService } from './automation.service.js';

/** `AutomationConnection`: a page of catalog entries. */
export const AutomationConnection = connectionType(Automation, 'Automation');

/** The automation catalog. */
@Resolver(() => Automation)
export class AutomationResolver {
  @Query(() => AutomationConnection, { description: 'The catalog, by name.' })
  async automations(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AutomationFilter, { nullable: true }) filter: AutomationFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new AutomationService(ctx).list(filter, page);
  }

  @Query(() => Automation, { nullable: true })
  async automation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new AutomationService(ctx).get(id);
  }

  @Mutation(() => Automation, { description: 'Adds an automation to the catalog.' })
  async createAutomation(
    @Arg('input', () => AutomationInput) input: AutomationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new AutomationService(ctx).create(input);
  }

  @Mutation(() => Automation, { description: "Replaces a catalog entry's fields." })
  async updateAutomation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AutomationInput) input: AutomationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new AutomationService(ctx).update(id, input);
  }

  @Mutation(() => Automation, {
    description: 'Archives an entry: it leaves the catalog, past incidents keep naming it.',
  })
  async archiveAutomation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new AutomationService(ctx).archive(id);
  }

  @FieldResolver(() => Team, { nullable: true })
  async ownerTeam(@Root() automation: Automation, @Ctx() ctx: RequestContext) {
    return automation.ownerTeam ? ctx.loaders.team.load(automation.ownerTeam.id) : null;
  }

  @FieldResolver(() => IncidentConnection, { description: 'Incidents naming this automation.' })
  async incidents(
    @Root() automation: Automation,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new IncidentQueries(ctx).list(
      { automationId: automation.nodeId },
      page,
      selects(info, 'totalCount'),
    );
  }
}
