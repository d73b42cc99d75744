import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import {
  AccountResolver,
  MembershipResolver,
  ViewerResolver,
} from '../modules/account/account.resolver.js';
import { ApiTokenResolver } from '../modules/api-token/api-token.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AutomationResolver } from '../modules/automation/automation.resolver.js';
import {
  IncidentResolver,
  IncidentRoleAssignmentResolver,
} from '../modules/incident/incident.resolver.js';
import { IncidentSubscriptionResolver } from '../modules/incident/incident.subscription.js';
import {
  ChangeRequestResolver,
  ChangeRequestReviewResolver,
  ReviewThreadResolver,
} from '../modules/governance/change-request.resolver.js';
import {
  IncidentPlaybookResolver,
  PlaybookRunResolver,
} from '../modules/governance/playbook-run.resolver.js';
import { PlaybookRunSubscriptionResolver } from '../modules/governance/playbook-run.subscription.js';
import {
  PlaybookResolver,
  PlaybookVersionResolver,
} from '../modules/governance/playbook.resolver.js';
import {
  IncidentPostmortemResolver,
  PostmortemVersionResolver,
} from '../modules/postmortem/postmortem-version.resolver.js';
import { TeamMemberResolver, TeamResolver } from '../modules/team/team.resolver.js';
import {
  IncidentTimelineResolver,
  SearchResolver,
  TimelineResolver,
} from '../modules/timeline/timeline.resolver.js';
import { TimelineSubscriptionResolver } from '../modules/timeline/timeline.subscription.js';
import { NodeResolver } from './node.resolver.js';
import type { KeelPubSub } from './pubsub.js';

/** Every resolver class, in the order their fields appear in the schema. */
const RESOLVERS = [
  NodeResolver,
  AccountResolver,
  ViewerResolver,
  MembershipResolver,
  TeamResolver,
  TeamMemberResolver,
  ApiTokenResolver,
  AutomationResolver,
  IncidentResolver,
  IncidentRoleAssignmentResolver,
  IncidentSubscriptionResolver,
  IncidentTimelineResolver,
  TimelineResolver,
  TimelineSubscriptionResolver,
  SearchResolver,
  IncidentPostmortemResolver,
  PostmortemVersionResolver,
  AuditResolver,
  PlaybookResolver,
  PlaybookVersionResolver,
  ChangeRequestResolver,
  ChangeRequestReviewResolver,
  ReviewThreadResolver,
  PlaybookRunResolver,
  IncidentPlaybookResolver,
  PlaybookRunSubscriptionResolver,
] as const;

/** Builds the executable schema from the decorated classes. */
export async function buildKeelSchema(pubSub: KeelPubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    pubSub: pubSub as never,
    validate: false,
    emitSchemaFile: false,
    // Input is validated by services, which know the domain's limits and messages.
  });
}
