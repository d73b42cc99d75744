import {
  addEntry,
  newEntryId,
  type EvidenceLink,
  type NewTimelineEntry,
  type TimelineEntryKind,
} from '@keel/collab';
import { TERMINAL_STATUSES, isOneOf, type PlaybookDocument } from '@keel/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, stampOf, type Actor } from '../../auth/actor.js';
import type { LiveDocuments } from '../../collab/live-documents.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { ConflictError } from '../../errors/conflict-error.js';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { keyOf } from '../../ids.js';
import type { FieldChanges } from '../audit/audit-record.entity.js';
import { auditChange } from '../audit/audit.service.js';
import { IncidentRoleAssignment } from '../incident/incident-role-assignment.entity.js';
import { Incident } from '../incident/incident.entity.js';
import { PlaybookRun, PlaybookRunAction, type RunActionKind } from './playbook-run.entity.js';
import {
  artifactInputProblems,
  attachWarnings,
  findGate,
  findModule,
  findOption,
  findStep,
  foldRun,
  judgeArtifact,
  judgeGateAnswer,
  judgeStepCheck,
  moduleOnPath,
  rationaleProblem,
  type RoleHolders,
  type RunContext,
  type RunParticipant,
  type RunRefusal,
  type RunState,
} from './playbook-run.state.js';
import type { PlaybookRunChangeKind } from './playbook-run.subscription.js';
import { Playbook, PlaybookVersion } from './playbook.entity.js';

/** What `attachPlaybook` names. */
export interface AttachPlaybookRequest {
  incidentId: string;
  playbookVersionId: string;
}

/** What `checkPlaybookStep` names; `checked: false` unchecks. */
export interface CheckStepRequest {
  runId: string;
  moduleId: string;
  stepId: string;
  checked: boolean;
}

/** What `attachPlaybookArtifact` names. */
export interface AttachArtifactRequest {
  runId: string;
  moduleId: string;
  stepId: string;
  label: string;
  url: string;
  note?: string | null;
}

/** What `answerDecisionGate` names. */
export interface AnswerGateRequest {
  runId: string;
  moduleId: string;
  gateId: string;
  optionId: string;
  rationale: string;
}

/** A run with everything its rules need, as loaded for one action. */
interface LoadedRun {
  run: PlaybookRun;
  document: PlaybookDocument;
  state: RunState;
  holders: RoleHolders;
}

/** One action to record: the log row's fields, its timeline entry and its audit changes. */
interface RunChange {
  kind: RunActionKind;
  action: Pick<PlaybookRunAction, 'moduleId'> &
    Partial<
      Pick<
        PlaybookRunAction,
        'stepId' | 'gateId' | 'optionId' | 'rationale' | 'artifactLabel' | 'artifactUrl'
      >
    >;
  entry: { kind: TimelineEntryKind; body: string; evidence?: EvidenceLink[] };
  changes: FieldChanges;
}

/** Every entry a run writes carries this tag, so the timeline can be filtered to them. */
const PLAYBOOK_TAG = 'playbook';

/**
 * Seed of the advisory lock that serialises attaching playbooks to one incident. The audit
 * chain uses 7; any other constant keeps the two lock spaces apart.
 */
const ATTACH_LOCK_SEED = 11;

/**
 * Playbook runs in incidents. Each change is one timeline entry written through
 * {@link LiveDocuments}: the run's version bump, the action row and the audit record go into
 * the transaction that journals the entry, so the timeline, the run and the audit trail
 * commit together or not at all. The event for subscribers follows the commit.
 *
 * The rules themselves are pure (playbook-run.state.ts); this class loads what they judge.
 * The run's version guards against two people acting on the same state at once: an action
 * judged against a version someone else has since moved on is refused with CONFLICT.
 */
export class PlaybookRunService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * Attaches a playbook version to an open incident of the caller's organisation, storing
   * what is wrong with the playbook as warnings. A version is attached once per incident.
   */
  async attach(input: AttachPlaybookRequest): Promise<PlaybookRun> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const live = this.requireLiveDocuments();

    const incident = await this.findIncident(actor, input.incidentId);
    const version = await this.findVersion(actor, input.playbookVersionId);
    requireOpen(incident);

    const playbook = await this.ctx.em.findOneOrFail(Playbook, version.playbook.id);
    const replacement = playbook.replacedBy
      ? await this.ctx.em.findOne(Playbook, playbook.replacedBy.id)
      : null;
    const warnings = attachWarnings({
      status: playbook.status,
      replacementTitle: replacement?.title ?? null,
      currentVersionNumber: playbook.currentVersionNumber,
      lastReviewedAt: playbook.lastReviewedAt,
      versionNumber: version.number,
      reviewIntervalDays: version.document.reviewIntervalDays,
      now: new Date(),
    });

    const title = `"${version.document.title}" (version ${version.number})`;
    const body = [
      `Attached playbook ${title}.`,
      ...warnings.map((warning) => `Warning: ${warning}`),
    ].join('\n');
    let runId = '';

    await live.write({
      incidentId: incident.id,
      organizationId: actor.organizationId,
      kind: 'timeline',
      author: authorOf(actor),
      draft: (_live, draft) => {
        addEntry(draft, entryOf(actor, newEntryId(), { kind: 'ACTION', body }));
      },
      alongside: async (tx) => {
        // Nothing in the table forbids a second run of the version yet, so the check and the
        // insert run under a lock per incident, or two processes could both find none. Once
        // a unique index on (incident_id, playbook_version_id) lands, the lock can go.
        await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, ?))', [
          incident.id,
          ATTACH_LOCK_SEED,
        ]);
        if (await tx.count(PlaybookRun, { incident: incident.id, playbookVersion: version.id })) {
          throw new ConflictError(`Playbook ${title} is already attached to this incident.`);
        }

        const run = tx.create(PlaybookRun, {
          organization: actor.organizationId,
          incident: incident.id,
          playbookVersion: version.id,
          attachedBy: stampOf(actor),
          warnings,
        });
        await tx.flush();
        runId = run.id;

        await auditChange(tx, this.ctx, actor, {
          action: 'playbook_run.attach',
          targetType: 'PlaybookRun',
          targetId: run.id,
          changes: {
            incident: { before: null, after: incident.id },
            playbookVersion: { before: null, after: version.id },
            warnings: { before: null, after: warnings },
          },
        });
      },
    });

    const run = await this.ctx.em.findOneOrFail(PlaybookRun, runId);
    this.publish(actor, run, 'ATTACHED');
    return run;
  }

  /** Checks a step off, or unchecks it. */
  async checkStep(input: CheckStepRequest): Promise<PlaybookRun> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const loaded = await this.loadRun(actor, input.runId);
    refuseUnless(judgeStepCheck(this.contextOf(actor, loaded), input));

    const module = findModule(loaded.document, input.moduleId)!;
    const step = findStep(module, input.stepId)!;
    const verb = input.checked ? 'Checked off' : 'Unchecked';
    return this.record(actor, loaded, {
      kind: input.checked ? 'STEP_CHECKED' : 'STEP_UNCHECKED',
      action: { moduleId: module.id, stepId: step.id },
      entry: {
        kind: 'ACTION',
        body: `${verb} "${step.title}" (${module.title}) ${inPlaybook(loaded.document)}.`,
      },
      changes: {
        [`steps.${module.id}.${step.id}.checked`]: { before: !input.checked, after: input.checked },
      },
    });
  }

  /**
   * Attaches an artifact (a link) to a step. A label matching one of the step's required
   * artifacts provides it; any other label is kept as extra material. The note is stored in
   * the action's `rationale` column, the one free-text column of the log.
   */
  async attachArtifact(input: AttachArtifactRequest): Promise<PlaybookRun> {
    const actor = requirePermission(this.ctx.actor, 'write');
    rejectProblems(artifactInputProblems(input));

    const loaded = await this.loadRun(actor, input.runId);
    refuseUnless(judgeArtifact(this.contextOf(actor, loaded), input));

    const module = findModule(loaded.document, input.moduleId)!;
    const step = findStep(module, input.stepId)!;
    const label = input.label.trim();
    const url = input.url.trim();
    const note = input.note?.trim() || null;
    const heading = `Attached "${label}" to "${step.title}" (${module.title}) ${inPlaybook(
      loaded.document,
    )}.`;
    return this.record(actor, loaded, {
      kind: 'ARTIFACT_ATTACHED',
      action: {
        moduleId: module.id,
        stepId: step.id,
        artifactLabel: label,
        artifactUrl: url,
        rationale: note,
      },
      entry: {
        kind: 'EVIDENCE',
        body: note ? `${heading}\n${note}` : heading,
        evidence: [{ url, label }],
      },
      changes: {
        [`steps.${module.id}.${step.id}.artifacts`]: { before: null, after: { label, url, note } },
      },
    });
  }

  /**
   * Answers a decision gate with a rationale. Answering again replaces the earlier choice and
   * what followed from it (see playbook-run.state.ts).
   */
  async answerGate(input: AnswerGateRequest): Promise<PlaybookRun> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const problem = rationaleProblem(input.rationale);
    if (problem) throw new BadUserInputError(problem, { problems: [problem] });

    const loaded = await this.loadRun(actor, input.runId);
    refuseUnless(judgeGateAnswer(this.contextOf(actor, loaded), input));

    const module = findModule(loaded.document, input.moduleId)!;
    const gate = findGate(module, input.gateId)!;
    const option = findOption(gate, input.optionId)!;
    const previous = moduleOnPath(loaded.state, module.id)?.gates.find(
      (candidate) => candidate.gateId === gate.id,
    )?.answer;
    const rationale = input.rationale.trim();

    return this.record(actor, loaded, {
      kind: 'GATE_ANSWERED',
      action: { moduleId: module.id, gateId: gate.id, optionId: option.id, rationale },
      entry: {
        kind: 'DECISION',
        body: [
          `${gate.question} (${module.title}, ${inPlaybook(loaded.document)})`,
          previous
            ? `Decision: ${option.label}, replacing "${previous.optionLabel}".`
            : `Decision: ${option.label}.`,
          `Rationale: ${rationale}`,
        ].join('\n'),
      },
      changes: {
        [`gates.${module.id}.${gate.id}`]: {
          before: previous ? { optionId: previous.optionId, rationale: previous.rationale } : null,
          after: { optionId: option.id, rationale },
        },
      },
    });
  }

  /**
   * Journals the change's timeline entry and, in the same transaction, moves the run's version
   * on from the one its rules were judged against, appends the action and the audit record.
   */
  private async record(actor: Actor, loaded: LoadedRun, change: RunChange): Promise<PlaybookRun> {
    const live = this.requireLiveDocuments();
    const { run } = loaded;
    const judgedVersion = run.version;
    const entryId = newEntryId();

    await live.write({
      incidentId: run.incident.id,
      organizationId: actor.organizationId,
      kind: 'timeline',
      author: authorOf(actor),
      draft: (_live, draft) => {
        addEntry(draft, entryOf(actor, entryId, change.entry));
      },
      alongside: async (tx) => {
        const moved = await tx.nativeUpdate(
          PlaybookRun,
          { id: run.id, version: judgedVersion },
          { version: judgedVersion + 1 },
        );
        if (moved === 0) {
          throw new ConflictError('Someone else changed this run first; reload and try again.');
        }

        tx.create(PlaybookRunAction, {
          run: run.id,
          kind: change.kind,
          ...change.action,
          actor: stampOf(actor),
          timelineEntryId: entryId,
        });
        await tx.flush();

        await auditChange(tx, this.ctx, actor, {
          action: `playbook_run.${change.kind.toLowerCase()}`,
          targetType: 'PlaybookRun',
          targetId: run.id,
          changes: change.changes,
        });
      },
    });

    await this.ctx.em.refresh(run);
    this.publish(actor, run, change.kind);
    return run;
  }

  /** The run of the caller's organisation with its document, folded state and role holders. */
  private async loadRun(actor: Actor, runId: string): Promise<LoadedRun> {
    const { em } = this.ctx;
    const key = keyOf(runId, 'PlaybookRun');
    const run = key
      ? await em.findOne(
          PlaybookRun,
          { id: key, organization: actor.organizationId },
          { populate: ['incident', 'playbookVersion'] },
        )
      : null;
    if (!run) throw new NotFoundError('No such playbook run.');
    requireOpen(run.incident);

    const actions = await em.find(
      PlaybookRunAction,
      { run },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const holders = await roleHolders(em, run.incident.id);
    const document = run.playbookVersion.document;
    return { run, document, state: foldRun(document, actions), holders };
  }

  private contextOf(actor: Actor, loaded: LoadedRun): RunContext {
    const participant: RunParticipant =
      actor.kind === 'USER' ? { kind: 'USER', userId: actor.userId } : { kind: 'TOKEN' };
    return {
      document: loaded.document,
      state: loaded.state,
      actor: participant,
      holders: loaded.holders,
    };
  }

  private async findIncident(actor: Actor, id: string): Promise<Incident> {
    const key = keyOf(id, 'Incident');
    const incident = key
      ? await this.ctx.em.findOne(Incident, { id: key, organization: actor.organizationId })
      : null;
    if (!incident) throw new NotFoundError('No such incident.');
    return incident;
  }

  private async findVersion(actor: Actor, id: string): Promise<PlaybookVersion> {
    const key = keyOf(id, 'PlaybookVersion');
    const version = key
      ? await this.ctx.em.findOne(PlaybookVersion, { id: key, organization: actor.organizationId })
      : null;
    if (!version) throw new NotFoundError('No such playbook version.');
    return version;
  }

  private requireLiveDocuments(): LiveDocuments {
    if (!this.ctx.liveDocuments) throw new Error('This process serves no live documents.');
    return this.ctx.liveDocuments;
  }

  private publish(actor: Actor, run: PlaybookRun, kind: PlaybookRunChangeKind): void {
    const stamp = stampOf(actor);
    this.ctx.pubSub.publish('playbookRunChanged', actor.organizationId, {
      organizationId: actor.organizationId,
      incidentId: run.incident.id,
      runId: run.id,
      kind,
      actor: { kind: stamp.kind, id: stamp.id, name: stamp.name },
      version: run.version,
      occurredAt: new Date().toISOString(),
    });
  }
}

/** The incident's current role holders, read from the open stints. */
async function roleHolders(em: EntityManager, incidentId: string): Promise<RoleHolders> {
  const open = await em.find(IncidentRoleAssignment, { incident: incidentId, endedAt: null });
  return Object.fromEntries(open.map((assignment) => [assignment.role, assignment.holder.id]));
}

/** A finished response is a record; its runs no longer change. */
function requireOpen(incident: Incident): void {
  if (isOneOf(TERMINAL_STATUSES, incident.status)) {
    throw new BadUserInputError(
      `${incident.reference} is ${incident.status.toLowerCase()}; its playbook runs are closed.`,
    );
  }
}

function refuseUnless(refusal: RunRefusal | null): void {
  if (!refusal) return;
  if (refusal.code === 'FORBIDDEN') {
    throw new ForbiddenError(refusal.message, { neededRole: refusal.neededRole });
  }
  throw new BadUserInputError(refusal.message);
}

function rejectProblems(problems: string[]): void {
  if (problems.length > 0) throw new BadUserInputError(problems.join(' '), { problems });
}

function inPlaybook(document: PlaybookDocument): string {
  return `in playbook "${document.title}"`;
}

function authorOf(actor: Actor): { kind: Actor['kind']; id: string } {
  return { kind: actor.kind, id: actor.kind === 'USER' ? actor.userId : actor.tokenId };
}

/** A timeline entry written for the actor now, tagged as coming from a playbook. */
function entryOf(actor: Actor, id: string, entry: RunChange['entry']): NewTimelineEntry {
  const now = new Date();
  return {
    id,
    occurredAt: now,
    createdAt: now,
    kind: entry.kind,
    source: actor.kind === 'USER' ? 'PERSON' : 'INTEGRATION',
    author: { ...authorOf(actor), name: actor.name },
    bodyText: entry.body,
    tags: [PLAYBOOK_TAG],
    evidence: entry.evidence ?? [],
  };
}
