import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../auth/actor.js';
import { fromGlobalId, type NodeType } from '../ids.js';
import { Membership } from '../modules/account/membership.entity.js';
import { Organization } from '../modules/account/organization.entity.js';
import { User } from '../modules/account/user.entity.js';
import { ApiToken } from '../modules/api-token/api-token.entity.js';
import { AuditRecord } from '../modules/audit/audit-record.entity.js';
import { Automation } from '../modules/automation/automation.entity.js';
import { ApprovalPolicyVersion } from '../modules/governance/approval-policy.entity.js';
import { ChangeRequest, ReviewThread } from '../modules/governance/change-request.entity.js';
import { PlaybookRun } from '../modules/governance/playbook-run.entity.js';
import { Playbook, PlaybookVersion } from '../modules/governance/playbook.entity.js';
import { Incident } from '../modules/incident/incident.entity.js';
import { PostmortemVersion } from '../modules/postmortem/postmortem-version.entity.js';
import { Team } from '../modules/team/team.entity.js';
import type { RequestContext } from './context.js';
import { Node } from './node-interface.js';

/**
 * Fetches any object by opaque id, within the caller's organisation. Users are reachable only
 * when they are members of it; a token lookup needs admin, as the token list does.
 */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its opaque id.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Node | null> {
    const actor = requirePermission(ctx.actor, 'read');
    const decoded = fromGlobalId(id);
    if (!decoded) return null;

    const organization = actor.organizationId;
    const em = ctx.em;
    const lookups: Record<NodeType, () => Promise<object | null>> = {
      Organization: () =>
        decoded.key === organization
          ? em.findOne(Organization, decoded.key)
          : Promise.resolve(null),
      User: async () =>
        (await em.count(Membership, { user: decoded.key, organization }))
          ? em.findOne(User, decoded.key)
          : null,
      Membership: () => em.findOne(Membership, { id: decoded.key, organization }),
      Team: () => em.findOne(Team, { id: decoded.key, organization }),
      ApiToken: () =>
        requirePermission(actor, 'admin') &&
        em.findOne(ApiToken, { id: decoded.key, organization }),
      Automation: () => em.findOne(Automation, { id: decoded.key, organization }),
      Incident: () => em.findOne(Incident, { id: decoded.key, organization }),
      AuditRecord: () =>
        requirePermission(actor, 'admin') &&
        em.findOne(AuditRecord, { id: decoded.key, organization }),
      Playbook: () => em.findOne(Playbook, { id: decoded.key, organization }),
      PlaybookVersion: () => em.findOne(PlaybookVersion, { id: decoded.key, organization }),
      ApprovalPolicy: () => em.findOne(ApprovalPolicyVersion, { id: decoded.key, organization }),
      ChangeRequest: () => em.findOne(ChangeRequest, { id: decoded.key, organization }),
      ReviewThread: () =>
        em.findOne(ReviewThread, { id: decoded.key, changeRequest: { organization } }),
      PlaybookRun: () => em.findOne(PlaybookRun, { id: decoded.key, organization }),
      PostmortemVersion: () => em.findOne(PostmortemVersion, { id: decoded.key, organization }),
    };
    return (await lookups[decoded.type]()) as Node | null;
  }
}
