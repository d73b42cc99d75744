import { filter, map, pipe } from '@graphql-yoga/subscription';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { credentialStillValid } from '../../auth/authenticate.js';
import { requirePermission } from '../../auth/actor.js';
import { rowReader } from '../../db/read-model.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { UnauthenticatedError } from '../../errors/unauthenticated-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { enumOf } from '../../graphql/enums.js';
import {
  TIMELINE_CHANGE_KINDS,
  type TimelineChangeKind,
  type TimelineChangedEvent,
} from '../../graphql/pubsub.js';
import { IncidentQueries } from '../incident/incident.queries.js';
import { TimelineEntry } from './timeline-entry.entity.js';

const TimelineChangeKindEnum = enumOf(
  TIMELINE_CHANGE_KINDS,
  'TimelineChangeKind',
  'What happened to a timeline entry.',
);

/** One change to a timeline entry, as subscribers receive it. */
@ObjectType('TimelineChangeEvent', { simpleResolvers: true })
export class TimelineChangeEvent {
  @Field(() => TimelineChangeKindEnum, {
    description: 'UPDATED covers any change that is not one of the others.',
  })
  kind!: TimelineChangeKind;

  @Field(() => TimelineEntry, { description: 'The entry as projected after the change.' })
  entry!: TimelineEntry;
}

/**
 * Events for one subscriber, built like incidentChanged: the bus routes by organisation, each
 * event is checked again here, and the credential is re-checked per event, so a revoked token
 * stops receiving events even before its socket is closed.
 */
async function timelineEvents(
  context: RequestContext,
  incidentId: string,
): Promise<AsyncIterable<TimelineChangeEvent>> {
  const actor = requirePermission(context.actor, 'read');
  const incident = await new IncidentQueries(context).get(incidentId);
  if (!incident) throw new NotFoundError('No such incident.');

  return pipe(
    context.pubSub.subscribe('timelineChanged', actor.organizationId),
    filter(
      (event: TimelineChangedEvent) =>
        event.organizationId === actor.organizationId && event.incidentId === incident.id,
    ),
    map(async (event: TimelineChangedEvent) => {
      context.renew();
      if (!(await credentialStillValid(context.em, actor))) {
        throw new UnauthenticatedError(
          'The credential behind this subscription is no longer valid.',
        );
      }
      return toEvent(context, event);
    }),
  );
}

function toEvent(context: RequestContext, event: TimelineChangedEvent): TimelineChangeEvent {
  const readEntry = rowReader(context.em.getMetadata(), TimelineEntry);
  return {
    kind: event.kind,
    entry: readEntry(event.entry as unknown as Record<string, unknown>),
  };
}

/** Live timeline changes for the web app and third parties. */
@Resolver(() => TimelineChangeEvent)
export class TimelineSubscriptionResolver {
  @Subscription(() => TimelineChangeEvent, {
    description:
      "Entries of one incident's timeline as they are added, changed, pinned or deleted, " +
      'whether in the live editor or through the API.',
    subscribe: ({ args, context }) =>
      timelineEvents(context as RequestContext, args.incidentId as string),
  })
  timelineChanged(
    @Root() event: TimelineChangeEvent,
    @Arg('incidentId', () => ID) _incidentId: string,
  ): TimelineChangeEvent {
    return event;
  }
}
