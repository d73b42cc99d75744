import {
  MAX_NOTE_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  checkText,
  classifyChangeRisk,
  diffDocuments,
  emergencyReviewState,
  evaluateApprovals,
  isTextOnlyChange,
  mergeDocuments,
  validateApprovalPolicyDocument,
  validatePlaybookDocument,
  type ApprovalEvaluation,
  type ApprovalPolicyDocument,
  type ChangeRiskAssessment,
  type DocumentChange,
  type PlaybookDocument,
} from '@keel/domain';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, requireUser, stampOf, type UserActor } from '../../auth/actor.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { ConflictError } from '../../errors/conflict-error.js';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { keyOf, toGlobalId } from '../../ids.js';
import { Membership } from '../account/membership.entity.js';
import { auditChange } from '../audit/audit.service.js';
import { Team } from '../team/team.entity.js';
import { ApprovalPolicyVersion } from './approval-policy.entity.js';
import {
  ChangeRequest,
  ChangeRequestReview,
  ChangeRequestReviewer,
  ChangeRequestRevision,
  FINISHED_STATES,
  ReviewComment,
  ReviewThread,
  type AppliedPolicy,
  type ChangeRequestState,
} from './change-request.entity.js';
import type {
  ChangeRequestFilter,
  CommentOnChangeRequestInput,
  MergeChangeRequestInput,
  OpenChangeRequestInput,
  ReviewChangeRequestInput,
  ReviseChangeRequestInput,
} from './change-request.inputs.js';
import {
  currentPolicy,
  requireTeams,
  reviewerFacts,
  teamsNamedByPlaybook,
  teamsNamedByPolicy,
} from './governance.context.js';
import { Playbook, PlaybookVersion } from './playbook.entity.js';

/** Most change requests one list returns; governance queues are short. */
const LIST_LIMIT = 200;

/** Longest document path a thread may be anchored at. */
const MAX_PATH_LENGTH = 500;

/** States in which the proposal can still change and be reviewed. */
const ACTIVE_STATES: readonly ChangeRequestState[] = [
  'DRAFT',
  'OPEN',
  'CHANGES_REQUESTED',
  'APPROVED',
];

/** A change request judged against the policy in force. */
export interface ChangeRequestAssessment {
  policy: ApprovalPolicyVersion;
  changes: DocumentChange[];
  risk: ChangeRiskAssessment;
  approval: ApprovalEvaluation;
  /** The newest version of what the request changes, to tell whether its base is stale. */
  headVersionNumber: number | null;
  /** Why merging is refused right now; empty when it may merge. */
  mergeBlockers: string[];
}

/**
 * Change requests: the only way playbooks and the approval policy change. Every method runs in
 * one transaction with its audit record. The approval state (OPEN, CHANGES_REQUESTED,
 * APPROVED) is recomputed from the reviews after every review and revision, so it always
 * reflects the policy's rules; merging recomputes it once more under lock.
 */
export class ChangeRequestService {
  constructor(private readonly ctx: RequestContext) {}

  /** The organisation's change requests, newest first. */
  async list(filter: ChangeRequestFilter | null | undefined): Promise<ChangeRequest[]> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const where: Record<string, unknown> = { organization: actor.organizationId };
    if (filter?.states?.length) where.state = { $in: filter.states };
    if (filter?.playbookId) where.playbook = keyOf(filter.playbookId, 'Playbook') ?? NO_PLAYBOOK;

    return this.ctx.em.find(ChangeRequest, where, {
      orderBy: { number: 'desc' },
      limit: LIST_LIMIT,
    });
  }

  /** One change request, or null when it is missing or another organisation's. */
  async get(id: string): Promise<ChangeRequest | null> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const key = keyOf(id, 'ChangeRequest');
    if (!key) return null;
    return this.ctx.em.findOne(ChangeRequest, { id: key, organization: actor.organizationId });
  }

  /** Opens a change request with its first revision. Only people author changes. */
  async open(input: OpenChangeRequestInput): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');
    const title = checkedTitle(input.title);
    const description = checkedDescription(input.description);

    return inTransaction(this.ctx.em, async (em) => {
      const proposal = await this.proposalOf(em, actor, input);
      const number = await nextNumber(em, actor.organizationId);

      const changeRequest = em.create(ChangeRequest, {
        organization: actor.organizationId,
        number,
        kind: input.kind,
        title,
        description,
        state: input.draft ? 'DRAFT' : 'OPEN',
        author: actor.userId,
        authorStamp: stampOf(actor),
        playbook: proposal.playbook,
        replacement: proposal.replacement,
        baseVersionNumber: proposal.baseVersionNumber,
        emergency: input.emergency ?? false,
      });
      em.create(ChangeRequestRevision, {
        changeRequest,
        number: 1,
        baseVersionNumber: proposal.baseVersionNumber,
        document: proposal.document,
        author: stampOf(actor),
        message: null,
      });
      await this.addReviewers(em, actor, changeRequest, input.reviewerIds ?? []);
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'change_request.open',
        targetType: 'ChangeRequest',
        targetId: changeRequest.id,
        changes: {
          kind: { before: null, after: changeRequest.kind },
          title: { before: null, after: title },
          state: { before: null, after: changeRequest.state },
          emergency: { before: null, after: changeRequest.emergency },
        },
      });
      await this.refreshState(em, changeRequest);
      return changeRequest;
    });
  }

  /**
   * Pushes a new revision. Earlier approvals stop counting, because reviewers approved content
   * that is no longer what would merge.
   */
  async revise(input: ReviseChangeRequestInput): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');
    const message = input.message ? checkedNote(input.message, 'message') : null;

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, input.id);
      requireAuthor(actor, changeRequest, 'revise');
      requireActive(changeRequest);
      if (changeRequest.kind === 'DEPRECATION') {
        throw new BadUserInputError('A deprecation proposes no document to revise.');
      }
      requireRevision(changeRequest, input.expectedRevision);

      const document = await this.checkedDocument(em, actor, changeRequest.kind, input.document);
      await this.appendRevision(em, actor, changeRequest, {
        baseVersionNumber: changeRequest.baseVersionNumber,
        document,
        conflicts: [],
        message,
      });
      return changeRequest;
    });
  }

  /**
   * Moves a stale request onto the newest version with a three-way merge of base, proposal and
   * newest version. Conflicting paths keep the author's text and are listed on the new
   * revision; merging waits until a later revision settles them.
   */
  async updateBase(id: string): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, id);
      requireAuthor(actor, changeRequest, 'update');
      requireActive(changeRequest);

      const head = await this.headVersionNumber(em, changeRequest);
      if (head === null || head === changeRequest.baseVersionNumber) {
        throw new BadUserInputError('The change request is already based on the newest version.');
      }

      const revision = await this.currentRevisionOf(em, changeRequest);
      let document = revision.document;
      let conflicts: ChangeRequestRevision['conflicts'] = [];
      if (changeRequest.kind !== 'DEPRECATION') {
        const base = await this.baseDocument(em, changeRequest);
        const newest = await this.versionDocument(em, changeRequest, head);
        const merged = mergeDocuments(base, revision.document, newest);
        conflicts = merged.conflicts;

        // Edits that merge cleanly can still break a rule together: the newest version may
        // have removed a module the proposal's gate now points at.
        const validation =
          changeRequest.kind === 'POLICY_CHANGE'
            ? validateApprovalPolicyDocument(merged.merged)
            : validatePlaybookDocument(merged.merged);
        if (!validation.ok) {
          const { problems } = validation;
          throw new BadUserInputError(
            `Combined with version ${head}, the proposal breaks a rule: ` +
              `${problems[0]!.message} Revise it, then update again.`,
            { problems },
          );
        }
        document = validation.document as unknown as Record<string, unknown>;
      }

      changeRequest.baseVersionNumber = head;
      await this.appendRevision(em, actor, changeRequest, {
        baseVersionNumber: head,
        document,
        conflicts,
        message: `Updated onto version ${head}.`,
      });
      return changeRequest;
    });
  }

  /** DRAFT → OPEN: the request enters review. */
  async submit(id: string): Promise<ChangeRequest> {
    return this.changeState(id, 'submit', async (em, actor, changeRequest) => {
      requireAuthor(actor, changeRequest, 'submit');
      if (changeRequest.state !== 'DRAFT') {
        throw new BadUserInputError('Only a draft can be submitted for review.');
      }
      changeRequest.state = 'OPEN';
      await em.flush();
      await this.refreshState(em, changeRequest);
    });
  }

  /** The author gives up on the request. */
  async withdraw(id: string, reason: string | null | undefined): Promise<ChangeRequest> {
    const note = reason ? checkedNote(reason, 'reason') : null;
    return this.changeState(id, 'withdraw', async (_em, actor, changeRequest) => {
      requireAuthor(actor, changeRequest, 'withdraw');
      requireActive(changeRequest);
      changeRequest.state = 'WITHDRAWN';
      changeRequest.closedReason = note;
    });
  }

  /** An admin turns the request down for good. */
  async reject(id: string, reason: string): Promise<ChangeRequest> {
    const note = checkedNote(reason, 'reason', true);
    return this.changeState(id, 'reject', async (_em, actor, changeRequest) => {
      requirePermission(actor, 'admin');
      requireActive(changeRequest);
      changeRequest.state = 'REJECTED';
      changeRequest.closedReason = note;
    });
  }

  /** Asks more people to review. */
  async requestReviewers(id: string, reviewerIds: string[]): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, id);
      requireActive(changeRequest);
      const added = await this.addReviewers(em, actor, changeRequest, reviewerIds);
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'change_request.request_reviewers',
        targetType: 'ChangeRequest',
        targetId: changeRequest.id,
        changes: { reviewers: { before: null, after: added } },
      });
      return changeRequest;
    });
  }

  /**
   * Records a review of the current revision. After an emergency merge, an approval by someone
   * other than the author settles the review the change owes.
   */
  async review(input: ReviewChangeRequestInput): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');
    const body = input.body ? checkedDescription(input.body) : '';
    if (input.verdict === 'REQUEST_CHANGES' && !body.trim()) {
      throw new BadUserInputError('Say what should change when requesting changes.');
    }

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, input.id);
      const afterMerge = changeRequest.state === 'MERGED' && changeRequest.emergency;
      if (changeRequest.state === 'DRAFT') {
        throw new BadUserInputError('A draft cannot be reviewed until its author submits it.');
      }
      if (!afterMerge) requireActive(changeRequest);
      if (input.verdict !== 'COMMENT' && changeRequest.author.id === actor.userId) {
        throw new ForbiddenError('Authors cannot approve or request changes on their own change.');
      }
      if (input.revision !== changeRequest.currentRevision) {
        throw new ConflictError(
          `Revision ${changeRequest.currentRevision} replaced the one you reviewed; ` +
            'review the current revision.',
          { currentRevision: changeRequest.currentRevision },
        );
      }

      const review = em.create(ChangeRequestReview, {
        changeRequest,
        reviewer: actor.userId,
        reviewerStamp: stampOf(actor),
        verdict: input.verdict,
        body,
        revision: input.revision,
        afterMerge,
      });
      if (afterMerge && input.verdict === 'APPROVE' && !changeRequest.emergencyReviewedAt) {
        changeRequest.emergencyReviewedAt = new Date();
      }
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'change_request.review',
        targetType: 'ChangeRequest',
        targetId: changeRequest.id,
        changes: {
          verdict: { before: null, after: review.verdict },
          revision: { before: null, after: review.revision },
          ...(afterMerge && { afterMerge: { before: null, after: true } }),
        },
      });
      if (!afterMerge) await this.refreshState(em, changeRequest);
      return changeRequest;
    });
  }

  /** Starts a thread on one path of the proposal, or answers one. */
  async comment(input: CommentOnChangeRequestInput): Promise<ReviewThread> {
    const actor = requireUser(this.ctx.actor, 'write');
    const body = checkedNote(input.body, 'body', true);

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, input.id);
      let thread: ReviewThread;
      if (input.threadId) {
        const key = keyOf(input.threadId, 'ReviewThread');
        const found = key ? await em.findOne(ReviewThread, { id: key, changeRequest }) : null;
        if (!found) throw new NotFoundError('No such thread on this change request.');
        // An answer reopens the discussion.
        found.resolvedAt = null;
        found.resolvedBy = null;
        thread = found;
      } else {
        thread = em.create(ReviewThread, {
          changeRequest,
          path: checkedPath(input.path),
          revision: changeRequest.currentRevision,
        });
      }
      em.create(ReviewComment, { thread, author: stampOf(actor), body });
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'change_request.comment',
        targetType: 'ChangeRequest',
        targetId: changeRequest.id,
        changes: { [`thread.${thread.id}`]: { before: null, after: { path: thread.path, body } } },
      });
      return thread;
    });
  }

  /** Marks a thread resolved, or reopens it. */
  async resolveThread(threadId: string, resolved: boolean): Promise<ReviewThread> {
    const actor = requireUser(this.ctx.actor, 'write');

    return inTransaction(this.ctx.em, async (em) => {
      const key = keyOf(threadId, 'ReviewThread');
      const thread = key
        ? await em.findOne(ReviewThread, {
            id: key,
            changeRequest: { organization: actor.organizationId },
          })
        : null;
      if (!thread) throw new NotFoundError('No such thread.');

      const before = thread.resolvedAt !== null;
      thread.resolvedAt = resolved ? (thread.resolvedAt ?? new Date()) : null;
      thread.resolvedBy = resolved ? (thread.resolvedBy ?? stampOf(actor)) : null;
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'change_request.resolve_thread',
        targetType: 'ChangeRequest',
        targetId: thread.changeRequest.id,
        changes: { [`thread.${thread.id}.resolved`]: { before, after: resolved } },
      });
      return thread;
    });
  }

  /**
   * Publishes the proposal. The playbook row (or, for the policy, the newest policy row) is
   * locked first, so of two requests on the same base exactly one merges: the second finds its
   * base stale. Approvals are judged again under that lock, against the policy in force.
   */
  async merge(input: MergeChangeRequestInput): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, input.id);
      if (changeRequest.author.id !== actor.userId && actor.role !== 'ADMIN') {
        throw new ForbiddenError('Only the author or an admin can merge a change request.');
      }
      requireActive(changeRequest);
      requireRevision(changeRequest, input.expectedRevision);

      await this.lockTarget(em, changeRequest);
      const assessment = await this.assess(em, changeRequest);
      if (assessment.mergeBlockers.length > 0) {
        const [first] = assessment.mergeBlockers;
        const details = { blockers: assessment.mergeBlockers };
        if (assessment.headVersionNumber !== changeRequest.baseVersionNumber) {
          throw new ConflictError(first!, details);
        }
        throw new BadUserInputError(first!, details);
      }

      const revision = await this.currentRevisionOf(em, changeRequest);
      const now = new Date();
      const published = await this.publish(em, actor, changeRequest, revision, now);

      const before = changeRequest.state;
      changeRequest.state = 'MERGED';
      changeRequest.mergedAt = now;
      changeRequest.mergedBy = stampOf(actor);
      changeRequest.appliedPolicy = appliedPolicyOf(assessment, changeRequest.emergency);
      if (changeRequest.emergency) {
        changeRequest.emergencyReviewDueAt = emergencyReviewState({
          mergedAt: now,
          policy: assessment.policy.document,
          postMergeApprovals: 0,
          now,
        }).dueAt;
      }
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'change_request.merge',
        targetType: 'ChangeRequest',
        targetId: changeRequest.id,
        changes: {
          state: { before, after: 'MERGED' },
          published: { before: null, after: published },
          appliedPolicy: { before: null, after: changeRequest.appliedPolicy },
        },
      });
      return changeRequest;
    });
  }

  /** The request judged against the policy in force, as the API shows it. */
  async assess(em: EntityManager, changeRequest: ChangeRequest): Promise<ChangeRequestAssessment> {
    const organizationId = changeRequest.organization.id;
    // One after another: inside a transaction these share one connection.
    const policy = await currentPolicy(em, organizationId);
    const revision = await this.currentRevisionOf(em, changeRequest);
    const headVersionNumber = await this.headVersionNumber(em, changeRequest);
    const reviews = await em.find(ChangeRequestReview, { changeRequest, afterMerge: false });
    const base = await this.baseDocument(em, changeRequest);

    const proposed = changeRequest.kind === 'DEPRECATION' ? base : revision.document;
    const changes = diffDocuments(base ?? {}, proposed ?? {});
    const risk = classifyChangeRisk({
      kind: changeRequest.kind,
      changes,
      textOnly: isTextOnlyChange(changes),
      baseDocument: isPlaybookKind(changeRequest) ? (base as PlaybookDocument | null) : null,
      proposedDocument: isPlaybookKind(changeRequest)
        ? (proposed as PlaybookDocument | null)
        : null,
    });

    const reviewerIds = [...new Set(reviews.map((review) => review.reviewer.id))];
    const approval = evaluateApprovals({
      policy: policyFor(changeRequest, policy.document),
      level: risk.level,
      authorId: changeRequest.author.id,
      ownerTeamId: await this.ownerTeamOf(em, changeRequest, revision),
      currentRevision: changeRequest.currentRevision,
      reviews: reviews.map((review) => ({
        reviewerId: review.reviewer.id,
        verdict: review.verdict,
        revision: review.revision,
        at: review.createdAt,
      })),
      reviewers: await reviewerFacts(em, organizationId, reviewerIds),
    });

    const mergeBlockers = [
      ...(changeRequest.state === 'DRAFT' ? ['Submit the draft for review first.'] : []),
      ...(headVersionNumber !== changeRequest.baseVersionNumber
        ? [
            `Version ${headVersionNumber} was published after this request was written; ` +
              'update it onto the newest version first.',
          ]
        : []),
      ...(revision.conflicts.length > 0
        ? [`Settle the ${revision.conflicts.length} conflicts of the last update first.`]
        : []),
      ...(changeRequest.emergency ? [] : approval.missing),
      ...(approval.blockedBy.length > 0 && !changeRequest.emergency
        ? ['A reviewer has requested changes on the current revision.']
        : []),
    ];
    return { policy, changes, risk, approval, headVersionNumber, mergeBlockers };
  }

  /** The revision the request currently proposes. */
  async currentRevisionOf(
    em: EntityManager,
    changeRequest: ChangeRequest,
  ): Promise<ChangeRequestRevision> {
    return em.findOneOrFail(ChangeRequestRevision, {
      changeRequest,
      number: changeRequest.currentRevision,
    });
  }

  /** The document the request started from; null for a new playbook. */
  async baseDocument(
    em: EntityManager,
    changeRequest: ChangeRequest,
  ): Promise<Record<string, unknown> | null> {
    if (changeRequest.baseVersionNumber === null) return null;
    return this.versionDocument(em, changeRequest, changeRequest.baseVersionNumber);
  }

  /** The newest version of what the request changes; null for a new playbook. */
  async headVersionNumber(em: EntityManager, changeRequest: ChangeRequest) {
    if (changeRequest.kind === 'POLICY_CHANGE') {
      return (await currentPolicy(em, changeRequest.organization.id)).number;
    }
    if (!changeRequest.playbook || changeRequest.kind === 'NEW_PLAYBOOK') return null;
    const playbook = await em.findOneOrFail(Playbook, changeRequest.playbook.id);
    return playbook.currentVersionNumber;
  }

  private async versionDocument(
    em: EntityManager,
    changeRequest: ChangeRequest,
    number: number,
  ): Promise<Record<string, unknown>> {
    if (changeRequest.kind === 'POLICY_CHANGE') {
      const policy = await em.findOneOrFail(ApprovalPolicyVersion, {
        organization: changeRequest.organization.id,
        number,
      });
      return policy.document as unknown as Record<string, unknown>;
    }
    const version = await em.findOneOrFail(PlaybookVersion, {
      playbook: changeRequest.playbook!.id,
      number,
    });
    return version.document as unknown as Record<string, unknown>;
  }

  /**
   * The team whose approval OWNER_TEAM requirements ask for: the playbook's owner as it
   * stands, so a change cannot move itself to a friendlier team; for a new playbook, the
   * proposed owner.
   */
  private async ownerTeamOf(
    em: EntityManager,
    changeRequest: ChangeRequest,
    revision: ChangeRequestRevision,
  ): Promise<string | null> {
    if (changeRequest.kind === 'POLICY_CHANGE') return null;
    if (changeRequest.kind === 'NEW_PLAYBOOK') {
      return (revision.document as unknown as PlaybookDocument).ownerTeamId;
    }
    const playbook = await em.findOneOrFail(Playbook, changeRequest.playbook!.id);
    return toGlobalId('Team', playbook.ownerTeam.id);
  }

  /** Recomputes OPEN / CHANGES_REQUESTED / APPROVED from the reviews. */
  private async refreshState(em: EntityManager, changeRequest: ChangeRequest): Promise<void> {
    if (!['OPEN', 'CHANGES_REQUESTED', 'APPROVED'].includes(changeRequest.state)) return;

    const { approval } = await this.assess(em, changeRequest);
    const next: ChangeRequestState =
      approval.blockedBy.length > 0
        ? 'CHANGES_REQUESTED'
        : approval.satisfied
          ? 'APPROVED'
          : 'OPEN';
    if (next !== changeRequest.state) {
      changeRequest.state = next;
      await em.flush();
    }
  }

  private async appendRevision(
    em: EntityManager,
    actor: UserActor,
    changeRequest: ChangeRequest,
    content: Pick<
      ChangeRequestRevision,
      'baseVersionNumber' | 'document' | 'conflicts' | 'message'
    >,
  ): Promise<void> {
    changeRequest.currentRevision += 1;
    em.create(ChangeRequestRevision, {
      changeRequest,
      number: changeRequest.currentRevision,
      author: stampOf(actor),
      ...content,
    });
    await em.flush();

    await auditChange(em, this.ctx, actor, {
      action: 'change_request.revise',
      targetType: 'ChangeRequest',
      targetId: changeRequest.id,
      changes: {
        revision: {
          before: changeRequest.currentRevision - 1,
          after: changeRequest.currentRevision,
        },
        ...(content.conflicts.length > 0 && {
          conflicts: { before: null, after: content.conflicts.map((c) => c.path) },
        }),
      },
    });
    await this.refreshState(em, changeRequest);
  }

  /** Creates the version (or status change) the request proposes. */
  private async publish(
    em: EntityManager,
    actor: UserActor,
    changeRequest: ChangeRequest,
    revision: ChangeRequestRevision,
    now: Date,
  ): Promise<Record<string, unknown>> {
    const publishedBy = stampOf(actor);

    if (changeRequest.kind === 'POLICY_CHANGE') {
      const number = (changeRequest.baseVersionNumber ?? 0) + 1;
      em.create(ApprovalPolicyVersion, {
        organization: changeRequest.organization.id,
        number,
        document: revision.document as unknown as ApprovalPolicyDocument,
        publishedBy,
        changeRequestId: changeRequest.id,
      });
      await em.flush();
      return { policyVersion: number };
    }

    if (changeRequest.kind === 'DEPRECATION') {
      const playbook = await em.findOneOrFail(Playbook, changeRequest.playbook!.id);
      playbook.status = 'DEPRECATED';
      playbook.replacedBy = changeRequest.replacement;
      await em.flush();
      return { playbook: playbook.id, status: 'DEPRECATED' };
    }

    const document = revision.document as unknown as PlaybookDocument;
    const teams = await requireTeams(em, changeRequest.organization.id, [document.ownerTeamId]);
    const ownerTeam = em.getReference(Team, teams.get(document.ownerTeamId)!);

    let playbook: Playbook;
    if (changeRequest.kind === 'NEW_PLAYBOOK') {
      playbook = em.create(Playbook, {
        organization: changeRequest.organization.id,
        title: document.title,
        ownerTeam,
        currentVersionNumber: 1,
        lastReviewedAt: now,
      });
      changeRequest.playbook = playbook;
    } else {
      playbook = await em.findOneOrFail(Playbook, changeRequest.playbook!.id);
      playbook.currentVersionNumber += 1;
      playbook.title = document.title;
      playbook.ownerTeam = ownerTeam;
      playbook.lastReviewedAt = now;
    }

    em.create(PlaybookVersion, {
      organization: changeRequest.organization.id,
      playbook,
      number: playbook.currentVersionNumber,
      document,
      publishedBy,
      changeRequestId: changeRequest.id,
    });
    await em.flush();
    return { playbook: playbook.id, version: playbook.currentVersionNumber };
  }

  /** Locks the row that serialises merges into the same target. */
  private async lockTarget(em: EntityManager, changeRequest: ChangeRequest): Promise<void> {
    if (changeRequest.kind === 'POLICY_CHANGE') {
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 13))', [
        changeRequest.organization.id,
      ]);
      return;
    }
    if (changeRequest.playbook) {
      await em.findOneOrFail(Playbook, changeRequest.playbook.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        refresh: true,
      });
    }
  }

  private async changeState(
    id: string,
    verb: string,
    change: (em: EntityManager, actor: UserActor, request: ChangeRequest) => Promise<void>,
  ): Promise<ChangeRequest> {
    const actor = requireUser(this.ctx.actor, 'write');

    return inTransaction(this.ctx.em, async (em) => {
      const changeRequest = await this.loadForUpdate(em, actor, id);
      const before = changeRequest.state;
      await change(em, actor, changeRequest);
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: `change_request.${verb}`,
        targetType: 'ChangeRequest',
        targetId: changeRequest.id,
        changes: {
          state: { before, after: changeRequest.state },
          ...(changeRequest.closedReason && {
            reason: { before: null, after: changeRequest.closedReason },
          }),
        },
      });
      return changeRequest;
    });
  }

  /** The request, row-locked for the rest of the transaction so state changes serialise. */
  private async loadForUpdate(
    em: EntityManager,
    actor: UserActor,
    id: string,
  ): Promise<ChangeRequest> {
    const key = keyOf(id, 'ChangeRequest');
    const changeRequest = key
      ? await em.findOne(
          ChangeRequest,
          { id: key, organization: actor.organizationId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        )
      : null;
    if (!changeRequest) throw new NotFoundError('No such change request.');
    return changeRequest;
  }

  private async proposalOf(em: EntityManager, actor: UserActor, input: OpenChangeRequestInput) {
    const proposal = {
      playbook: null as Playbook | null,
      replacement: null as Playbook | null,
      baseVersionNumber: null as number | null,
      document: null as Record<string, unknown> | null,
    };

    switch (input.kind) {
      case 'NEW_PLAYBOOK':
        proposal.document = await this.checkedDocument(em, actor, input.kind, input.document);
        return proposal;

      case 'POLICY_CHANGE':
        proposal.document = await this.checkedDocument(em, actor, input.kind, input.document);
        proposal.baseVersionNumber = (await currentPolicy(em, actor.organizationId)).number;
        return proposal;

      case 'NEW_VERSION':
      case 'DEPRECATION': {
        const playbook = await this.loadPlaybook(em, actor, input.playbookId);
        if (playbook.status === 'DEPRECATED') {
          throw new BadUserInputError('This playbook is deprecated; change its replacement.');
        }
        proposal.playbook = playbook;
        proposal.baseVersionNumber = playbook.currentVersionNumber;

        if (input.kind === 'NEW_VERSION') {
          proposal.document = await this.checkedDocument(em, actor, input.kind, input.document);
        } else if (input.document) {
          throw new BadUserInputError('A deprecation proposes no document.');
        } else if (input.replacementPlaybookId) {
          const replacement = await this.loadPlaybook(em, actor, input.replacementPlaybookId);
          if (replacement.id === playbook.id || replacement.status !== 'ACTIVE') {
            throw new BadUserInputError('The replacement must be another active playbook.');
          }
          proposal.replacement = replacement;
        }
        return proposal;
      }

      default:
        throw new BadUserInputError('kind is not valid.');
    }
  }

  /** The document validated by the domain rules and its team references checked. */
  private async checkedDocument(
    em: EntityManager,
    actor: UserActor,
    kind: ChangeRequest['kind'],
    input: Record<string, unknown> | null | undefined,
  ): Promise<Record<string, unknown>> {
    if (!input) throw new BadUserInputError('A document is required for this kind of change.');

    if (kind === 'POLICY_CHANGE') {
      const result = validateApprovalPolicyDocument(input);
      if (!result.ok) throw documentError(result.problems);
      await requireTeams(em, actor.organizationId, teamsNamedByPolicy(result.document));
      return result.document as unknown as Record<string, unknown>;
    }

    const result = validatePlaybookDocument(input);
    if (!result.ok) throw documentError(result.problems);
    await requireTeams(em, actor.organizationId, teamsNamedByPlaybook(result.document));
    return result.document as unknown as Record<string, unknown>;
  }

  private async loadPlaybook(
    em: EntityManager,
    actor: UserActor,
    id: string | null | undefined,
  ): Promise<Playbook> {
    if (!id) throw new BadUserInputError('playbookId is required for this kind of change.');
    const key = keyOf(id, 'Playbook');
    const playbook = key
      ? await em.findOne(Playbook, { id: key, organization: actor.organizationId })
      : null;
    if (!playbook) throw new NotFoundError('No such playbook.');
    return playbook;
  }

  /** Adds requested reviewers; they must be members, and not the author. */
  private async addReviewers(
    em: EntityManager,
    actor: UserActor,
    changeRequest: ChangeRequest,
    reviewerIds: readonly string[],
  ): Promise<string[]> {
    const keys = reviewerIds.map((id) => keyOf(id, 'User'));
    if (keys.some((key) => key === null)) {
      throw new BadUserInputError('reviewerIds must be ids of users.');
    }
    const userKeys = [...new Set(keys as string[])];
    if (userKeys.includes(changeRequest.author.id)) {
      throw new BadUserInputError('The author cannot review their own change request.');
    }

    const members = await em.find(Membership, {
      organization: actor.organizationId,
      user: userKeys,
    });
    if (members.length !== userKeys.length) {
      throw new BadUserInputError('Every reviewer must be a member of the organisation.');
    }

    const existing = await em.find(ChangeRequestReviewer, { changeRequest });
    const already = new Set(existing.map((row) => row.user.id));
    const added = userKeys.filter((key) => !already.has(key));
    for (const user of added) em.create(ChangeRequestReviewer, { changeRequest, user });
    return added;
  }
}

/** A key no playbook has, for filters naming something unknown. */
const NO_PLAYBOOK = '00000000-0000-0000-0000-000000000000';

function isPlaybookKind(changeRequest: ChangeRequest): boolean {
  return changeRequest.kind !== 'POLICY_CHANGE';
}

/**
 * The policy as it applies to this request. A policy change has no owning team, so its
 * OWNER_TEAM requirements fall to admins: the people who answer for the policy itself.
 */
function policyFor(
  changeRequest: ChangeRequest,
  policy: ApprovalPolicyDocument,
): ApprovalPolicyDocument {
  if (changeRequest.kind !== 'POLICY_CHANGE') return policy;
  return {
    ...policy,
    rules: policy.rules.map((rule) => ({
      ...rule,
      requirements: rule.requirements.map((requirement) =>
        requirement.from.kind === 'OWNER_TEAM'
          ? { ...requirement, from: { kind: 'ADMIN' as const } }
          : requirement,
      ),
    })),
  };
}

function appliedPolicyOf(assessment: ChangeRequestAssessment, emergency: boolean): AppliedPolicy {
  const approvers = new Set(assessment.approval.requirements.flatMap((r) => r.approvers));
  return {
    policyVersion: assessment.policy.number,
    riskLevel: assessment.risk.level,
    riskReasons: assessment.risk.reasons,
    emergency,
    approvers: [...approvers],
    requirements: assessment.approval.requirements.map((r) => ({
      id: r.id,
      label: r.label,
      needed: r.needed,
      approvers: r.approvers,
    })),
  };
}

async function nextNumber(em: EntityManager, organizationId: string): Promise<number> {
  // Serialises numbering per organisation, so two requests opened at once get 7 and 8.
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 11))', [organizationId]);
  const [row] = await em.execute<{ last: number | null }[]>(
    'select max(number) as last from change_request where organization_id = ?',
    [organizationId],
  );
  return (row?.last ?? 0) + 1;
}

function requireAuthor(actor: UserActor, changeRequest: ChangeRequest, verb: string): void {
  if (changeRequest.author.id !== actor.userId) {
    throw new ForbiddenError(`Only the author can ${verb} this change request.`);
  }
}

function requireActive(changeRequest: ChangeRequest): void {
  if (
    FINISHED_STATES.includes(changeRequest.state) ||
    !ACTIVE_STATES.includes(changeRequest.state)
  ) {
    throw new BadUserInputError(
      `This change request is ${changeRequest.state.toLowerCase()}; it can no longer change.`,
    );
  }
}

function requireRevision(changeRequest: ChangeRequest, expected: number): void {
  if (expected !== changeRequest.currentRevision) {
    throw new ConflictError(
      `Revision ${changeRequest.currentRevision} is the current one, not ${expected}; reload.`,
      { currentRevision: changeRequest.currentRevision },
    );
  }
}

function documentError(problems: Array<{ path: string; message: string }>): BadUserInputError {
  const summary = problems
    .slice(0, 3)
    .map((problem) => problem.message)
    .join(' ');
  const more = problems.length > 3 ? ` (${problems.length - 3} more problems)` : '';
  return new BadUserInputError(`The document is not valid: ${summary}${more}`, { problems });
}

function checkedTitle(title: string): string {
  const problem = checkText(title, { field: 'Title', max: MAX_TITLE_LENGTH, required: true });
  if (problem) throw new BadUserInputError(problem);
  return title.trim();
}

function checkedDescription(text: string | null | undefined): string {
  const problem = checkText(text, { field: 'Description', max: MAX_SUMMARY_LENGTH });
  if (problem) throw new BadUserInputError(problem);
  return text?.trim() ?? '';
}

function checkedNote(text: string, field: string, required = false): string {
  const problem = checkText(text, { field, max: MAX_NOTE_LENGTH, required });
  if (problem) throw new BadUserInputError(problem);
  return text.trim();
}

function checkedPath(path: string | null | undefined): string {
  if (!path?.startsWith('/') || path.length > MAX_PATH_LENGTH) {
    throw new BadUserInputError(
      `A new thread needs a path of the document, starting with "/" and at most ` +
        `${MAX_PATH_LENGTH} characters.`,
    );
  }
  return path;
}
