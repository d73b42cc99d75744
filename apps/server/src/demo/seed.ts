import { createPubSub } from '@graphql-yoga/subscription';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEFAULT_APPROVAL_POLICY, type MembershipRole, type PlaybookDocument } from '@keel/domain';
import type { UserActor } from '../auth/actor.js';
import { hashPassword } from '../auth/secrets.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import type { KeelTopics } from '../graphql/pubsub.js';
import type { Logger } from '../logger.js';
import { Membership } from '../modules/account/membership.entity.js';
import { Organization } from '../modules/account/organization.entity.js';
import { User } from '../modules/account/user.entity.js';
import { AutomationService } from '../modules/automation/automation.service.js';
import { ApprovalPolicyVersion } from '../modules/governance/approval-policy.entity.js';
import { ChangeRequestService } from '../modules/governance/change-request.service.js';
import { IncidentService } from '../modules/incident/incident.service.js';
import { TeamMember } from '../modules/team/team-member.entity.js';
import { Team } from '../modules/team/team.entity.js';
import { DEMO_AUTOMATIONS, DEMO_INCIDENTS, DEMO_PEOPLE, DEMO_TEAMS } from './demo-data.js';
import {
  DEMO_PLAYBOOKS,
  DEMO_TEAM_MEMBERS,
  withDuplicateCheck,
  withStatusBanner,
} from './demo-playbooks.js';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'keel-demo-password';

/**
 * Fills an empty database with a retailer that runs on no-code automations. Everything after
 * the accounts goes through the same services as the API, so the audit trail is complete.
 * Returns null when any organisation exists already.
 */
export async function seedDemoData(
  orm: MikroORM,
  logger: Logger,
): Promise<{ organization: string } | null> {
  const em = orm.em.fork();
  if ((await em.count(Organization, {})) > 0) return null;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const organization = em.create(Organization, { name: 'Northwind Outfitters', slug: 'northwind' });
  const users = new Map<string, { user: User; role: MembershipRole }>();
  for (const person of DEMO_PEOPLE) {
    const user = em.create(User, { email: person.email, name: person.name, passwordHash });
    em.create(Membership, { organization, user, role: person.role });
    users.set(person.key, { user, role: person.role });
  }
  const teams = new Map<string, Team>();
  for (const team of DEMO_TEAMS) {
    teams.set(team.name, em.create(Team, { organization, ...team }));
  }
  for (const [teamName, members] of Object.entries(DEMO_TEAM_MEMBERS)) {
    for (const key of members) {
      const user = users.get(key)!.user;
      em.create(TeamMember, { organization, team: teams.get(teamName)!, user });
    }
  }
  em.create(ApprovalPolicyVersion, { organization, number: 1, document: DEFAULT_APPROVAL_POLICY });
  await em.flush();

  const as = (key: string): RequestContext =>
    contextFor(orm, organization, users.get(key)!, logger);
  const automationIds = new Map<string, string>();
  for (const automation of DEMO_AUTOMATIONS) {
    const { ownerTeam, ...fields } = automation;
    const created = await new AutomationService(as('ada')).create({
      ...fields,
      ownerTeamId: teams.get(ownerTeam)!.nodeId,
    });
    automationIds.set(automation.name, created.nodeId);
  }

  for (const story of DEMO_INCIDENTS) {
    const ctx = as(story.declaredBy);
    const incidents = new IncidentService(ctx);
    let incident = await incidents.declare({
      ...story.declare,
      automationIds: story.automations.map((name) => automationIds.get(name)!),
    });

    for (const step of story.steps) {
      const service = new IncidentService(as(step.by));
      const base = { incidentId: incident.nodeId, expectedVersion: incident.version };
      if (step.kind === 'priority') {
        incident = await service.update({ ...base, priority: step.priority });
      } else if (step.kind === 'scope') {
        incident = await service.setImpactScope({ ...base, description: step.description });
        incident = await service.validateImpactScope({
          incidentId: incident.nodeId,
          expectedVersion: incident.version,
        });
      } else if (step.kind === 'role') {
        incident = await service.assignRole({
          ...base,
          role: step.role,
          userId: users.get(step.holder)!.user.nodeId,
          handoffNote: step.handoffNote ?? null,
        });
      } else {
        incident = await service.transition({ ...base, to: step.to, note: step.note ?? null });
      }
    }
  }

  logger.debug({ incidents: DEMO_INCIDENTS.length }, 'demo incidents created');

  await seedGovernance(as, (name) => teams.get(name)!.nodeId);
  return { organization: organization.name };
}

/**
 * Publishes the demo playbooks through reviewed change requests, then leaves one further change
 * merged (a new version of the payment playbook) and one open for review, with a comment.
 */
async function seedGovernance(
  as: (key: string) => RequestContext,
  teamId: (name: string) => string,
): Promise<void> {
  const published = new Map<string, { playbookId: string; document: PlaybookDocument }>();
  for (const playbook of DEMO_PLAYBOOKS) {
    const document = playbook.build(teamId);
    const opened = await new ChangeRequestService(as(playbook.author)).open({
      kind: 'NEW_PLAYBOOK',
      title: `Add the "${document.title}" playbook`,
      description: 'Written after the last incidents of this kind.',
      document: document as unknown as Record<string, unknown>,
    });
    await new ChangeRequestService(as(playbook.approver)).review({
      id: opened.nodeId,
      verdict: 'APPROVE',
      revision: opened.currentRevision,
    });
    const merged = await new ChangeRequestService(as(playbook.author)).merge({
      id: opened.nodeId,
      expectedRevision: opened.currentRevision,
    });
    published.set(document.title, { playbookId: merged.playbook!.nodeId, document });
  }

  const payment = published.get('Payment flow halted')!;
  const banner = await new ChangeRequestService(as('chloe')).open({
    kind: 'NEW_VERSION',
    playbookId: payment.playbookId,
    title: 'Tell shoppers about delays while payments are held',
    description: 'Support had many calls during the last checkout outage.',
    document: withStatusBanner(payment.document) as unknown as Record<string, unknown>,
  });
  await new ChangeRequestService(as('ben')).review({
    id: banner.nodeId,
    verdict: 'APPROVE',
    body: 'Good catch from the last incident.',
    revision: banner.currentRevision,
  });
  await new ChangeRequestService(as('chloe')).merge({
    id: banner.nodeId,
    expectedRevision: banner.currentRevision,
  });

  const sync = published.get('CRM sync writing bad data')!;
  const orphanCheck = await new ChangeRequestService(as('ben')).open({
    kind: 'NEW_VERSION',
    playbookId: sync.playbookId,
    title: 'Check for orphaned CRM contacts after fixing a mapping',
    document: withDuplicateCheck(sync.document) as unknown as Record<string, unknown>,
    reviewerIds: [],
  });
  await new ChangeRequestService(as('dev')).comment({
    id: orphanCheck.nodeId,
    path: '/modules/sync-fix/integrityChecks/no-orphans',
    body: 'Should this also cover contacts deleted in the shop?',
  });
}

function contextFor(
  orm: MikroORM,
  organization: Organization,
  member: { user: User; role: MembershipRole },
  logger: Logger,
): RequestContext {
  const actor: UserActor = {
    kind: 'USER',
    userId: member.user.id,
    name: member.user.name,
    organizationId: organization.id,
    role: member.role,
    sessionId: 'demo-seed',
  };
  // Nobody listens yet, so the demo's events go to a bus of their own.
  const deps = { orm, logger, pubSub: createPubSub<KeelTopics>() };
  return createRequestContext(deps, { actor, requestId: 'demo-seed', cookies: null });
}
