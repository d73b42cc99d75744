import { filter, map, pipe } from '@graphql-yoga/subscription';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { credentialStillValid } from '../../auth/authenticate.js';
import { requirePermission } from '../../auth/actor.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { UnauthenticatedError } from '../../errors/unauthenticated-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { enumOf } from '../../graphql/enums.js';
import {
  INCIDENT_CHANGE_KINDS,
  type IncidentChangeKind,
  type IncidentChangedEvent,
} from '../../graphql/pubsub.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { IncidentQueries } from './incident.queries.js';
import { Incident } from './incident.entity.js';

const IncidentChangeKindEnum = enumOf(
  INCIDENT_CHANGE_KINDS,
  'IncidentChangeKind',
  'What kind of change an incident event reports.',
);

/** One change to an incident, as subscribers receive it. */
@ObjectType('IncidentChangeEvent', { simpleResolvers: true })
export class IncidentChangeEvent {
  @Field(() => IncidentChangeKindEnum)
  kind!: IncidentChangeKind;

  @Field(() => [String], { description: 'Names of the fields the change touched.' })
  changedFields!: string[];

  @Field(() => ActorStamp)
  actor!: ActorStamp;

  @Field(() => Int, { description: 'The incident version the change produced.' })
  version!: number;

  @Field(() => Date)
  occurredAt!: Date;

  /** The incident's database key, resolved to the incident by a field resolver. */
  incidentId!: string;
}

/**
 * Events for one subscriber. Routing by organisation keeps other tenants' events out at the bus;
 * each event is checked again here, and the credential is re-checked, so a revoked token or an
 * ended session stops receiving events even before its socket is closed. The stream is built
 * from repeaters rather than a generator, so a client that completes or disconnects ends it at
 * once instead of at the organisation's next event.
 */
async function incidentEvents(
  context: RequestContext,
  incidentId: string | null,
): Promise<AsyncIterable<IncidentChangeEvent>> {
  const actor = requirePermission(context.actor, 'read');
  let incidentKey: string | null = null;
  if (incidentId) {
    const incident = await new IncidentQueries(context).get(incidentId);
    if (!incident) throw new NotFoundError('No such incident.');
    incidentKey = incident.id;
  }

  return pipe(
    context.pubSub.subscribe('incidentChanged', actor.organizationId),
    filter(
      (event: IncidentChangedEvent) =>
        event.organizationId === actor.organizationId &&
        (incidentKey === null || event.incidentId === incidentKey),
    ),
    map(async (event: IncidentChangedEvent) => {
      context.renew();
      if (!(await credentialStillValid(context.em, actor))) {
        throw new UnauthenticatedError(
          'The credential behind this subscription is no longer valid.',
        );
      }
      return toEvent(event);
    }),
  );
}

function toEvent(event: IncidentChangedEvent): IncidentChangeEvent {
  const actor = new ActorStamp();
  Object.assign(actor, event.actor);
  return {
    kind: event.kind,
    changedFields: event.changedFields,
    actor,
    version: event.version,
    occurredAt: new Date(event.occurredAt),
    incidentId: event.incidentId,
  };
}

/** Live incident changes for the web app and third parties. */
@Resolver(() => IncidentChangeEvent)
export class IncidentSubscriptionResolver {
  @Subscription(() => IncidentChangeEvent, {
    description:
      "Changes to the organisation's incidents, or to one incident when incidentId is given.",
    subscribe: ({ args, context }) =>
      incidentEvents(context as RequestContext, (args.incidentId as string | undefined) ?? null),
  })
  incidentChanged(
    @Root() event: IncidentChangeEvent,
    @Arg('incidentId', () => ID, { nullable: true }) _incidentId: string | null,
  ): IncidentChangeEvent {
    return event;
  }

  @FieldResolver(() => Incident, { nullable: true, description: 'The incident as it is now.' })
  async incident(@Root() event: IncidentChangeEvent, @Ctx() ctx: RequestContext) {
    const actor = requirePermission(ctx.actor, 'read');
    return ctx.em.findOne(Incident, { id: event.incidentId, organization: actor.organizationId });
  }
}
