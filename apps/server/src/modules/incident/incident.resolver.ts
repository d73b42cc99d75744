import { allowedTransitions, responseTimes, type IncidentStatus } from '@keel/domain';
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
import { IncidentStatusEnum } from '../../graphql/enums.js';
import { PageArgs, connectionType, selects, type ConnectionShape } from '../../graphql/relay.js';
import { User } from '../account/user.entity.js';
import { AuditRecordConnection, AuditQueries } from '../audit/audit.queries.js';
import { Automation } from '../automation/automation.entity.js';
import {
  AssignIncidentRoleInput,
  DeclareIncidentInput,
  ImpactScope,
  IncidentFilter,
  ResponseTimesType,
  SetImpactScopeInput,
  TransitionIncidentInput,
  UpdateIncidentInput,
  ValidateImpactScopeInput,
} from './incident.inputs.js';
import { IncidentQueries } from './incident.queries.js';
import { IncidentService } from './incident.service.js';
import { IncidentRoleAssignment } from './incident-role-assignment.entity.js';
import { IncidentTransition } from './incident-transition.entity.js';
import { Incident } from './incident.entity.js';

/** `IncidentConnection`: a page of incidents. */
export const IncidentConnection = connectionType(Incident, 'Incident');

/** Queries, mutations and fields of incidents. */
@Resolver(() => Incident)
export class IncidentResolver {
  @Query(() => IncidentConnection, { description: 'Incidents, newest declared first.' })
  async incidents(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Incident>> {
    return new IncidentQueries(ctx).list(filter, page, selects(info, 'totalCount'));
  }

  @Query(() => Incident, { nullable: true, description: 'One incident by id.' })
  async incident(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident | null> {
    return new IncidentQueries(ctx).get(id);
  }

  @Mutation(() => Incident, { description: 'Opens an incident in DETECTED.' })
  async declareIncident(
    @Arg('input', () => DeclareIncidentInput) input: DeclareIncidentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident> {
    return new IncidentService(ctx).declare(input);
  }

  @Mutation(() => Incident, { description: 'Edits title, summary, severity, priority, scope.' })
  async updateIncident(
    @Arg('input', () => UpdateIncidentInput) input: UpdateIncidentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident> {
    return new IncidentService(ctx).update(input);
  }

  @Mutation(() => Incident, { description: 'Describes what is affected; needs re-validation.' })
  async setImpactScope(
    @Arg('input', () => SetImpactScopeInput) input: SetImpactScopeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident> {
    return new IncidentService(ctx).setImpactScope(input);
  }

  @Mutation(() => Incident, { description: 'Confirms the impact scope (people only).' })
  async validateImpactScope(
    @Arg('input', () => ValidateImpactScopeInput) input: ValidateImpactScopeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident> {
    return new IncidentService(ctx).validateImpactScope(input);
  }

  @Mutation(() => Incident, {
    description: 'Moves an incident through its lifecycle. A refusal names its guard.',
  })
  async transitionIncident(
    @Arg('input', () => TransitionIncidentInput) input: TransitionIncidentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident> {
    return new IncidentService(ctx).transition(input);
  }

  @Mutation(() => Incident, { description: 'Assigns, hands over or releases an incident role.' })
  async assignIncidentRole(
    @Arg('input', () => AssignIncidentRoleInput) input: AssignIncidentRoleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Incident> {
    return new IncidentService(ctx).assignRole(input);
  }

  @FieldResolver(() => [Automation], { description: 'Affected automations, by name.' })
  automations(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    const { known, automationsOfIncident } = ctx.loaders;
    return known.automationsOfIncident.get(incident.id) ?? automationsOfIncident.load(incident.id);
  }

  @FieldResolver(() => [IncidentRoleAssignment], { description: 'Current role holders.' })
  roles(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    const { known, currentRolesOfIncident } = ctx.loaders;
    return (
      known.currentRolesOfIncident.get(incident.id) ?? currentRolesOfIncident.load(incident.id)
    );
  }

  @FieldResolver(() => [IncidentRoleAssignment], {
    description: 'Every stint in every role, oldest first.',
  })
  async roleHistory(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.em.find(
      IncidentRoleAssignment,
      { incident: incident.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  @FieldResolver(() => [IncidentTransition], { description: 'Lifecycle steps, oldest first.' })
  async transitions(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    return ctx.em.find(
      IncidentTransition,
      { incident: incident.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  @FieldResolver(() => ImpactScope, { nullable: true })
  async impactScope(
    @Root() incident: Incident,
    @Ctx() ctx: RequestContext,
  ): Promise<ImpactScope | null> {
    if (!incident.impactScope) return null;

    const validatorId = incident.impactScopeValidatedBy?.id;
    return {
      description: incident.impactScope,
      validatedBy: validatorId ? await ctx.loaders.user.load(validatorId) : null,
      validatedAt: incident.impactScopeValidatedAt,
    };
  }

  @FieldResolver(() => ResponseTimesType)
  responseTimes(@Root() incident: Incident): ResponseTimesType {
    return responseTimes(incident);
  }

  @FieldResolver(() => [IncidentStatusEnum], {
    description: 'Statuses the lifecycle allows next (some need a note).',
  })
  allowedTransitions(@Root() incident: Incident): IncidentStatus[] {
    return allowedTransitions({
      status: incident.status,
      priority: incident.priority,
      impactScopeValidated: incident.impactScopeValidatedAt !== null,
      everTriaged: incident.acknowledgedAt !== null,
    });
  }

  @FieldResolver(() => AuditRecordConnection, {
    description: 'Audit records about this incident, newest first.',
  })
  async activity(
    @Root() incident: Incident,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new AuditQueries(ctx).list(page, { targetId: incident.id }, selects(info, 'totalCount'));
  }
}

/** The person holding a role stint. */
@Resolver(() => IncidentRoleAssignment)
export class IncidentRoleAssignmentResolver {
  @FieldResolver(() => User)
  holder(@Root() assignment: IncidentRoleAssignment, @Ctx() ctx: RequestContext) {
    const id = assignment.holder.id;
    return ctx.loaders.known.user.get(id) ?? ctx.loaders.user.load(id);
  }
}
