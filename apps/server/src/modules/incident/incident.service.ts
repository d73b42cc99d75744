import {
  DETECTION_SOURCES,
  INCIDENT_ROLES,
  INCIDENT_STATUSES,
  MAX_NOTE_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  PRIORITIES,
  SEVERITIES,
  checkListSize,
  checkRoleAssignment,
  checkText,
  checkTransition,
  isOneOf,
  milestoneToStamp,
} from '@keel/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, requireUser, stampOf, type Actor } from '../../auth/actor.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { ConflictError } from '../../errors/conflict-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import type { IncidentChangeKind } from '../../graphql/pubsub.js';
import { keyOf } from '../../ids.js';
import { Membership } from '../account/membership.entity.js';
import { auditChange, diffFields } from '../audit/audit.service.js';
import { Automation } from '../automation/automation.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type {
  AssignIncidentRoleInput,
  DeclareIncidentInput,
  SetImpactScopeInput,
  TransitionIncidentInput,
  UpdateIncidentInput,
  ValidateImpactScopeInput,
} from './incident.inputs.js';
import { IncidentRoleAssignment } from './incident-role-assignment.entity.js';
import { IncidentTransition } from './incident-transition.entity.js';
import { Incident } from './incident.entity.js';

/** Clock skew tolerated before a "detected at" is called a time in the future. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const EDITABLE_FIELDS = ['title', 'summary', 'severity', 'priority'] as const;

/**
 * Writes to incidents. Each method reads in the same order: authorise, validate the input, then
 * in one transaction load (or fail), apply the domain's rule, flush, append the audit record;
 * after the commit, publish the event.
 */
export class IncidentService {
  constructor(private readonly ctx: RequestContext) {}

  /** Opens an incident in DETECTED. */
  async declare(input: DeclareIncidentInput): Promise<Incident> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const now = new Date();
    const problems = [
      checkText(input.title, { field: 'title', max: MAX_TITLE_LENGTH, required: true }),
      checkText(input.summary, { field: 'summary', max: MAX_SUMMARY_LENGTH }),
      isOneOf(SEVERITIES, input.severity) ? null : 'severity is not valid.',
      isOneOf(DETECTION_SOURCES, input.detectionSource) ? null : 'detectionSource is not valid.',
      checkListSize(input.automationIds ?? [], 'automationIds'),
      timeProblem(input.detectedAt, 'detectedAt', now),
      timeProblem(input.startedAt, 'startedAt', now),
      input.startedAt && input.detectedAt && input.startedAt > input.detectedAt
        ? 'startedAt must not be after detectedAt.'
        : null,
    ];
    rejectProblems(problems);

    const incident = await inTransaction(this.ctx.em, async (em) => {
      const automations = await automationsOf(em, actor, input.automationIds ?? []);
      const [{ number }] = await em.execute<[{ number: number }]>(
        `update organization set next_incident_number = next_incident_number + 1
          where id = ? returning next_incident_number - 1 as number`,
        [actor.organizationId],
      );

      const incident = em.create(Incident, {
        organization: actor.organizationId,
        number,
        title: input.title.trim(),
        summary: input.summary?.trim() ?? '',
        severity: input.severity,
        detectionSource: input.detectionSource,
        detectedAt: input.detectedAt ?? now,
        startedAt: input.startedAt ?? null,
        declaredBy: stampOf(actor),
      });
      incident.automations.set(automations);
      em.create(IncidentTransition, {
        incident,
        fromStatus: null,
        toStatus: 'DETECTED',
        actor: stampOf(actor),
      });
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'incident.declare',
        targetType: 'Incident',
        targetId: incident.id,
        changes: {
          ...diffFields({}, incident, ['title', 'summary', 'severity', 'status']),
          automations: { before: null, after: automations.map((a) => a.id) },
        },
      });
      return incident;
    });

    this.publish(incident, 'DECLARED', ['status']);
    return incident;
  }

  /** Edits title, summary, severity, priority or affected automations. */
  async update(input: UpdateIncidentInput): Promise<Incident> {
    const actor = requirePermission(this.ctx.actor, 'write');
    rejectProblems([
      input.title === undefined || input.title === null
        ? null
        : checkText(input.title, { field: 'title', max: MAX_TITLE_LENGTH, required: true }),
      checkText(input.summary, { field: 'summary', max: MAX_SUMMARY_LENGTH }),
      input.severity && !isOneOf(SEVERITIES, input.severity) ? 'severity is not valid.' : null,
      input.priority && !isOneOf(PRIORITIES, input.priority) ? 'priority is not valid.' : null,
      checkListSize(input.automationIds ?? [], 'automationIds'),
    ]);

    const { incident, changed } = await inTransaction(this.ctx.em, async (em) => {
      const incident = await loadForWrite(em, actor, input.incidentId, input.expectedVersion);
      const before = { ...incident };
      const automationsBefore = (await incident.automations.loadItems()).map((a) => a.id).sort();

      if (input.title != null) incident.title = input.title.trim();
      if (input.summary != null) incident.summary = input.summary.trim();
      if (input.severity) incident.severity = input.severity;
      if (input.priority) incident.priority = input.priority;

      const changes = diffFields(before, incident, EDITABLE_FIELDS);
      if (input.automationIds) {
        const automations = await automationsOf(em, actor, input.automationIds);
        const after = automations.map((a) => a.id).sort();
        if (after.join() !== automationsBefore.join()) {
          incident.automations.set(automations);
          incident.updatedAt = new Date();
          changes.automations = { before: automationsBefore, after };
        }
      }
      if (Object.keys(changes).length === 0) return { incident, changed: [] };

      await em.flush();
      await auditChange(em, this.ctx, actor, {
        action: 'incident.update',
        targetType: 'Incident',
        targetId: incident.id,
        changes,
      });
      return { incident, changed: Object.keys(changes) };
    });

    if (changed.length > 0) this.publish(incident, 'UPDATED', changed);
    return incident;
  }

  /** Describes the impact scope; an earlier validation no longer holds. */
  async setImpactScope(input: SetImpactScopeInput): Promise<Incident> {
    const actor = requirePermission(this.ctx.actor, 'write');
    rejectProblems([
      checkText(input.description, {
        field: 'description',
        max: MAX_SUMMARY_LENGTH,
        required: true,
      }),
    ]);

    const incident = await inTransaction(this.ctx.em, async (em) => {
      const incident = await loadForWrite(em, actor, input.incidentId, input.expectedVersion);
      const before = incident.impactScope;

      incident.impactScope = input.description.trim();
      incident.impactScopeValidatedBy = null;
      incident.impactScopeValidatedAt = null;
      incident.updatedAt = new Date();
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'incident.set_impact_scope',
        targetType: 'Incident',
        targetId: incident.id,
        changes: { impactScope: { before, after: incident.impactScope } },
      });
      return incident;
    });

    this.publish(incident, 'SCOPE_CHANGED', ['impactScope']);
    return incident;
  }

  /** A person confirms the impact scope; tokens cannot, since someone must stand behind it. */
  async validateImpactScope(input: ValidateImpactScopeInput): Promise<Incident> {
    const actor = requireUser(this.ctx.actor, 'write');

    const incident = await inTransaction(this.ctx.em, async (em) => {
      const incident = await loadForWrite(em, actor, input.incidentId, input.expectedVersion);
      if (!incident.impactScope) {
        throw new BadUserInputError('Describe the impact scope before validating it.');
      }

      incident.impactScopeValidatedBy = em.getReference('User', actor.userId) as never;
      incident.impactScopeValidatedAt = new Date();
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'incident.validate_impact_scope',
        targetType: 'Incident',
        targetId: incident.id,
        changes: { impactScopeValidatedBy: { before: null, after: actor.userId } },
      });
      return incident;
    });

    this.publish(incident, 'SCOPE_CHANGED', ['impactScopeValidatedBy']);
    return incident;
  }

  /** Moves the incident through its lifecycle; a refused move names the guard that failed. */
  async transition(input: TransitionIncidentInput): Promise<Incident> {
    const actor = requirePermission(this.ctx.actor, 'write');
    rejectProblems([
      isOneOf(INCIDENT_STATUSES, input.to) ? null : 'to is not a valid status.',
      checkText(input.note, { field: 'note', max: MAX_NOTE_LENGTH }),
    ]);

    const incident = await inTransaction(this.ctx.em, async (em) => {
      const incident = await loadForWrite(em, actor, input.incidentId, input.expectedVersion);
      const from = incident.status;
      const note = input.note?.trim() || null;

      const check = checkTransition(
        {
          status: from,
          priority: incident.priority,
          impactScopeValidated: incident.impactScopeValidatedAt !== null,
          everTriaged: incident.acknowledgedAt !== null,
        },
        { to: input.to, reason: note },
      );
      if (!check.allowed) throw new BadUserInputError(check.message, { guard: check.guard });

      const now = new Date();
      const milestone = milestoneToStamp(input.to, incident);
      incident.status = input.to;
      if (milestone) incident[milestone] = now;
      em.create(IncidentTransition, {
        incident,
        fromStatus: from,
        toStatus: input.to,
        note,
        actor: stampOf(actor),
        createdAt: now,
      });
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'incident.transition',
        targetType: 'Incident',
        targetId: incident.id,
        changes: {
          status: { before: from, after: input.to },
          ...(note && { note: { before: null, after: note } }),
          ...(milestone && { [milestone]: { before: null, after: now.toISOString() } }),
        },
      });
      return incident;
    });

    this.publish(incident, 'TRANSITIONED', ['status']);
    // The timeline entry follows the commit, never inside it (see timeline/system-entries.ts).
    await new TimelineService(this.ctx).recordIncidentHistory(incident.id);
    return incident;
  }

  /** Assigns, hands over or releases one of the four incident roles. */
  async assignRole(input: AssignIncidentRoleInput): Promise<Incident> {
    const actor = requirePermission(this.ctx.actor, 'write');
    rejectProblems([
      isOneOf(INCIDENT_ROLES, input.role) ? null : 'role is not valid.',
      checkText(input.handoffNote, { field: 'handoffNote', max: MAX_NOTE_LENGTH }),
    ]);
    const holderKey = input.userId ? keyOf(input.userId, 'User') : null;
    if (input.userId && !holderKey) throw new BadUserInputError('userId names nobody you know.');

    const incident = await inTransaction(this.ctx.em, async (em) => {
      const incident = await loadForWrite(em, actor, input.incidentId, input.expectedVersion);
      const current = await em.findOne(IncidentRoleAssignment, {
        incident,
        role: input.role,
        endedAt: null,
      });
      const handoffNote = input.handoffNote?.trim() || null;

      const check = checkRoleAssignment({
        role: input.role,
        currentHolderId: current?.holder.id ?? null,
        newHolderId: holderKey,
        handoffNote,
      });
      if (!check.allowed) throw new BadUserInputError(check.message, { guard: check.guard });
      if (holderKey) await assertCanRespond(em, actor, holderKey);

      const now = new Date();
      if (current) {
        // The unit of work inserts before it updates, and only one open stint per role may
        // exist, so the old stint is closed in its own flush first.
        current.endedAt = now;
        await em.flush();
      }
      if (holderKey) {
        em.create(IncidentRoleAssignment, {
          incident,
          role: input.role,
          holder: holderKey,
          assignedBy: stampOf(actor),
          handoffNote,
          createdAt: now,
        });
      }
      incident.updatedAt = now;
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: `incident.role.${check.kind.toLowerCase()}`,
        targetType: 'Incident',
        targetId: incident.id,
        changes: {
          [`role.${input.role}`]: { before: current?.holder.id ?? null, after: holderKey },
          ...(handoffNote && { handoffNote: { before: null, after: handoffNote } }),
        },
      });
      return incident;
    });

    this.ctx.loaders.currentRolesOfIncident.clear(incident.id);
    this.ctx.loaders.known.currentRolesOfIncident.delete(incident.id);
    this.publish(incident, 'ROLE_ASSIGNED', [`role.${input.role}`]);
    // The timeline entry follows the commit, never inside it (see timeline/system-entries.ts).
    await new TimelineService(this.ctx).recordIncidentHistory(incident.id);
    return incident;
  }

  private publish(incident: Incident, kind: IncidentChangeKind, changedFields: string[]): void {
    const actor = this.ctx.actor!;
    const stamp = stampOf(actor);

    this.ctx.pubSub.publish('incidentChanged', actor.organizationId, {
      organizationId: actor.organizationId,
      incidentId: incident.id,
      kind,
      changedFields,
      actor: { kind: stamp.kind, id: stamp.id, name: stamp.name },
      version: incident.version,
      occurredAt: new Date().toISOString(),
    });
  }
}

function rejectProblems(problems: (string | null)[]): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new BadUserInputError(found.join(' '), { problems: found });
}

function timeProblem(value: Date | null | undefined, field: string, now: Date): string | null {
  if (!value) return null;
  if (Number.isNaN(value.getTime())) return `${field} is not a valid time.`;
  if (value.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return `${field} is in the future.`;
  return null;
}

/** Loads an incident of the actor's organisation and checks the version the write is based on. */
async function loadForWrite(
  em: EntityManager,
  actor: Actor,
  incidentId: string,
  expectedVersion: number | null | undefined,
): Promise<Incident> {
  const key = keyOf(incidentId, 'Incident');
  const incident = key
    ? await em.findOne(Incident, { id: key, organization: actor.organizationId })
    : null;
  if (!incident) throw new NotFoundError('No such incident.');

  if (expectedVersion != null && expectedVersion !== incident.version) {
    throw new ConflictError(
      `The incident changed since version ${expectedVersion}; ` +
        `it is at version ${incident.version}.`,
      { currentVersion: incident.version },
    );
  }
  return incident;
}

/** Resolves automation ids of the actor's organisation; an unknown one is bad input. */
async function automationsOf(em: EntityManager, actor: Actor, ids: string[]) {
  const keys = [...new Set(ids)].map((id) => keyOf(id, 'Automation'));
  if (keys.some((key) => key === null)) {
    throw new BadUserInputError('automationIds names an automation that does not exist.');
  }
  if (keys.length === 0) return [];

  const automations = await em.find(Automation, {
    id: { $in: keys as string[] },
    organization: actor.organizationId,
  });
  if (automations.length !== keys.length) {
    throw new BadUserInputError('automationIds names an automation that does not exist.');
  }
  return automations;
}

/** Role holders must be members who may respond; viewers only watch. */
async function assertCanRespond(em: EntityManager, actor: Actor, userId: string): Promise<void> {
  const membership = await em.findOne(Membership, {
    user: userId,
    organization: actor.organizationId,
  });
  if (!membership) throw new BadUserInputError('userId names nobody in this organisation.');
  if (membership.role === 'VIEWER') {
    throw new BadUserInputError('Viewers cannot hold incident roles; make them responders first.');
  }
}
