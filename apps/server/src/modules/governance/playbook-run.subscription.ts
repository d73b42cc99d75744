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
import { ActorStamp, type ActorKind } from '../actor/actor-stamp.js';
import { IncidentQueries } from '../incident/incident.queries.js';
import { PlaybookRun, RUN_ACTION_KINDS } from './playbook-run.entity.js';

/** What happened to a run: it was attached, or one of its actions was taken. */
export const PLAYBOOK_RUN_CHANGE_KINDS = ['ATTACHED', ...RUN_ACTION_KINDS] as const;

/** One of {@link PLAYBOOK_RUN_CHANGE_KINDS}. */
export type PlaybookRunChangeKind = (typeof PLAYBOOK_RUN_CHANGE_KINDS)[number];

/** Published after a run's change commits. Plain JSON: it may cross Redis. */
export interface PlaybookRunChangedEvent {
  organizationId: string;
  incidentId: string;
  runId: string;
  kind: PlaybookRunChangeKind;
  actor: { kind: ActorKind; id: string | null; name: string };
  /** The run's version after the change. */
  version: number;
  occurredAt: string;
}

const PlaybookRunChangeKindEnum = enumOf(
  PLAYBOOK_RUN_CHANGE_KINDS,
  'PlaybookRunChangeKind',
  'What happened to a playbook run.',
);

/** One change to a playbook run, as subscribers receive it. */
@ObjectType('PlaybookRunChangeEvent', { simpleResolvers: true })
export class PlaybookRunChangeEvent {
  @Field(() => PlaybookRunChangeKindEnum)
  kind!: PlaybookRunChangeKind;

  @Field(() => ActorStamp)
  actor!: ActorStamp;

  @Field(() => Int, { description: 'The run version the change produced.' })
  version!: number;

  @Field(() => Date)
  occurredAt!: Date;

  /** The run's database key, resolved to the run by a field resolver. */
  runId!: string;
}

/**
 * Events for one subscriber, built like timelineChanged: the bus routes by organisation, each
 * event is checked again here, and the credential is re-checked per event, so a revoked token
 * stops receiving events even before its socket is closed.
 */
async function runEvents(
  context: RequestContext,
  incidentId: string,
): Promise<AsyncIterable<PlaybookRunChangeEvent>> {
  const actor = requirePermission(context.actor, 'read');
  const incident = await new IncidentQueries(context).get(incidentId);
  if (!incident) throw new NotFoundError('No such incident.');

  return pipe(
    context.pubSub.subscribe('playbookRunChanged', actor.organizationId),
    filter(
      (event: PlaybookRunChangedEvent) =>
        event.organizationId === actor.organizationId && event.incidentId === incident.id,
    ),
    map(async (event: PlaybookRunChangedEvent) => {
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

function toEvent(event: PlaybookRunChangedEvent): PlaybookRunChangeEvent {
  const actor = new ActorStamp();
  Object.assign(actor, event.actor);
  return {
    kind: event.kind,
    actor,
    version: event.version,
    occurredAt: new Date(event.occurredAt),
    runId: event.runId,
  };
}

/** Live playbook run changes for the war room. */
@Resolver(() => PlaybookRunChangeEvent)
export class PlaybookRunSubscriptionResolver {
  @Subscription(() => PlaybookRunChangeEvent, {
    description:
      "Changes to one incident's playbook runs: attachments, checked steps, artifacts and " +
      'decisions, after they commit.',
    subscribe: ({ args, context }) =>
      runEvents(context as RequestContext, args.incidentId as string),
  })
  playbookRunChanged(
    @Root() event: PlaybookRunChangeEvent,
    @Arg('incidentId', () => ID) _incidentId: string,
  ): PlaybookRunChangeEvent {
    return event;
  }

  @FieldResolver(() => PlaybookRun, { nullable: true, description: 'The run as it is now.' })
  async run(@Root() event: PlaybookRunChangeEvent, @Ctx() ctx: RequestContext) {
    const actor = requirePermission(ctx.actor, 'read');
    return ctx.em.findOne(PlaybookRun, { id: event.runId, organization: actor.organizationId });
  }
}
