import type { ChangeOperation } from '@keel/domain';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { enumOf } from '../../graphql/enums.js';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { toGlobalId } from '../../ids.js';
import { User } from '../account/user.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import {
  ChangeRequest,
  ChangeRequestReview,
  ChangeRequestReviewer,
  ChangeRequestRevision,
  ChangeRiskLevelEnum,
  ReviewComment,
  ReviewThread,
} from './change-request.entity.js';
import {
  ChangeRequestFilter,
  CommentOnChangeRequestInput,
  MergeChangeRequestInput,
  OpenChangeRequestInput,
  ReviewChangeRequestInput,
  ReviseChangeRequestInput,
} from './change-request.inputs.js';
import { ChangeRequestService, type ChangeRequestAssessment } from './change-request.service.js';
import { Playbook } from './playbook.entity.js';

const ChangeOperationEnum = enumOf(
  ['ADDED', 'REMOVED', 'MOVED', 'CHANGED'] satisfies ChangeOperation[],
  'ChangeOperation',
  'What a change does at one path of a document.',
);

/** One difference between the base and the proposal. */
@ObjectType('DocumentChange', { simpleResolvers: true })
export class DocumentChangeType {
  @Field(() => ChangeOperationEnum)
  operation!: ChangeOperation;

  @Field(() => String, {
    description: 'Keyed by ids: /modules/contain/steps/export-records/title.',
  })
  path!: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The old value; for MOVED, the old position.',
  })
  before?: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The new value; for MOVED, the new position.',
  })
  after?: unknown;
}

/** A path both the proposal and a newer version changed differently. */
@ObjectType('MergeConflict', { simpleResolvers: true })
export class MergeConflictType {
  @Field(() => String)
  path!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  base?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "The proposal's value, kept." })
  ours?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "The newer version's value." })
  theirs?: unknown;
}

/** Why a change counts as risky. */
@ObjectType('ChangeRisk', { simpleResolvers: true })
export class ChangeRiskType {
  @Field(() => ChangeRiskLevelEnum)
  level!: string;

  @Field(() => [String])
  reasons!: string[];
}

/** How far one requirement of the approval rule is met. */
@ObjectType('ApprovalRequirementProgress', { simpleResolvers: true })
export class RequirementProgressType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int)
  needed!: number;

  @Field(() => [ID], { description: 'Users whose approval counts towards it.' })
  approverIds!: string[];

  @Field(() => Boolean)
  met!: boolean;
}

/** The approval rule applied to the current revision. */
@ObjectType('ApprovalStatus', { simpleResolvers: true })
export class ApprovalStatusType {
  @Field(() => Int, { description: 'The approval policy version judged against.' })
  policyVersion!: number;

  @Field(() => Boolean)
  satisfied!: boolean;

  @Field(() => [RequirementProgressType])
  requirements!: RequirementProgressType[];

  @Field(() => [String], { description: 'What is still missing, in words.' })
  missing!: string[];

  @Field(() => [ID], { description: 'Reviewers requesting changes on the current revision.' })
  blockedByIds!: string[];

  @Field(() => [ID], { description: 'Reviewers whose approval of an earlier revision lapsed.' })
  dismissedIds!: string[];

  @Field(() => Boolean, { description: "Whether the author's own approval was ignored." })
  ignoredSelfApproval!: boolean;

  @Field(() => Boolean)
  mergeable!: boolean;

  @Field(() => [String], { description: 'Why merging is refused right now.' })
  mergeBlockers!: string[];

  @Field(() => Int, { nullable: true, description: 'The newest version of what is changed.' })
  headVersionNumber!: number | null;
}

/** Change requests: proposing, reviewing and merging changes to playbooks and the policy. */
@Resolver(() => ChangeRequest)
export class ChangeRequestResolver {
  @Query(() => [ChangeRequest], { description: 'Change requests, newest first (at most 200).' })
  async changeRequests(
    @Arg('filter', () => ChangeRequestFilter, { nullable: true })
    filter: ChangeRequestFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).list(filter);
  }

  @Query(() => ChangeRequest, { nullable: true })
  async changeRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new ChangeRequestService(ctx).get(id);
  }

  @Mutation(() => ChangeRequest, {
    description: 'Proposes a new playbook, a new version, a deprecation or a policy change.',
  })
  async openChangeRequest(
    @Arg('input', () => OpenChangeRequestInput) input: OpenChangeRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).open(input);
  }

  @Mutation(() => ChangeRequest, {
    description: 'Pushes a new revision (author only); earlier approvals are dismissed.',
  })
  async reviseChangeRequest(
    @Arg('input', () => ReviseChangeRequestInput) input: ReviseChangeRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).revise(input);
  }

  @Mutation(() => ChangeRequest, {
    description:
      'Moves a stale request onto the newest version by three-way merge; conflicts are ' +
      'listed on the new revision.',
  })
  async updateChangeRequestBase(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new ChangeRequestService(ctx).updateBase(id);
  }

  @Mutation(() => ChangeRequest, { description: 'DRAFT → OPEN (author only).' })
  async submitChangeRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new ChangeRequestService(ctx).submit(id);
  }

  @Mutation(() => ChangeRequest, { description: 'The author gives up on the request.' })
  async withdrawChangeRequest(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).withdraw(id, reason);
  }

  @Mutation(() => ChangeRequest, { description: 'Turns the request down for good (admins).' })
  async rejectChangeRequest(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).reject(id, reason);
  }

  @Mutation(() => ChangeRequest, { description: 'Asks more people to review.' })
  async requestChangeRequestReviewers(
    @Arg('id', () => ID) id: string,
    @Arg('reviewerIds', () => [ID]) reviewerIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).requestReviewers(id, reviewerIds);
  }

  @Mutation(() => ChangeRequest, {
    description:
      'Approves, requests changes on, or comments on the current revision. After an ' +
      'emergency merge, an approval settles the review the change owes.',
  })
  async reviewChangeRequest(
    @Arg('input', () => ReviewChangeRequestInput) input: ReviewChangeRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).review(input);
  }

  @Mutation(() => ReviewThread, { description: 'Comments on one path of the proposal.' })
  async commentOnChangeRequest(
    @Arg('input', () => CommentOnChangeRequestInput) input: CommentOnChangeRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).comment(input);
  }

  @Mutation(() => ReviewThread, { description: 'Resolves a thread, or reopens it.' })
  async resolveReviewThread(
    @Arg('id', () => ID) id: string,
    @Arg('resolved', () => Boolean, { defaultValue: true }) resolved: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).resolveThread(id, resolved);
  }

  @Mutation(() => ChangeRequest, {
    description:
      'Publishes the proposal atomically: a new immutable version, a deprecation, or a new ' +
      'policy version. Refused while the base is stale or the policy is not satisfied.',
  })
  async mergeChangeRequest(
    @Arg('input', () => MergeChangeRequestInput) input: MergeChangeRequestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new ChangeRequestService(ctx).merge(input);
  }

  @FieldResolver(() => Playbook, { nullable: true })
  async playbook(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return changeRequest.playbook ? ctx.em.findOne(Playbook, changeRequest.playbook.id) : null;
  }

  @FieldResolver(() => Playbook, { nullable: true, description: 'For DEPRECATION.' })
  async replacement(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return changeRequest.replacement
      ? ctx.em.findOne(Playbook, changeRequest.replacement.id)
      : null;
  }

  @FieldResolver(() => [ChangeRequestRevision], { description: 'Oldest first.' })
  async revisions(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ChangeRequestRevision, { changeRequest }, { orderBy: { number: 'asc' } });
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The proposed document at the current revision.',
  })
  async document(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return (await new ChangeRequestService(ctx).currentRevisionOf(ctx.em, changeRequest)).document;
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The version the proposal starts from; null for a new playbook.',
  })
  async baseDocument(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return new ChangeRequestService(ctx).baseDocument(ctx.em, changeRequest);
  }

  @FieldResolver(() => [DocumentChangeType], {
    description: 'The structured diff of the current revision against its base.',
  })
  async diff(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return (await assessmentOf(ctx, changeRequest)).changes;
  }

  @FieldResolver(() => [MergeConflictType], {
    description: 'Conflicts the last base update left for the author to settle.',
  })
  async conflicts(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return (await new ChangeRequestService(ctx).currentRevisionOf(ctx.em, changeRequest)).conflicts;
  }

  @FieldResolver(() => ChangeRiskType)
  async risk(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return (await assessmentOf(ctx, changeRequest)).risk;
  }

  @FieldResolver(() => ApprovalStatusType)
  async approval(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    const assessment = await assessmentOf(ctx, changeRequest);
    const userId = (key: string) => toGlobalId('User', key);
    return {
      policyVersion: assessment.policy.number,
      satisfied: assessment.approval.satisfied,
      requirements: assessment.approval.requirements.map((requirement) => ({
        ...requirement,
        approverIds: requirement.approvers.map(userId),
      })),
      missing: assessment.approval.missing,
      blockedByIds: assessment.approval.blockedBy.map(userId),
      dismissedIds: assessment.approval.dismissed.map(userId),
      ignoredSelfApproval: assessment.approval.ignoredSelfApproval,
      mergeable: assessment.mergeBlockers.length === 0 && !isFinished(changeRequest),
      mergeBlockers: isFinished(changeRequest) ? [] : assessment.mergeBlockers,
      headVersionNumber: assessment.headVersionNumber,
    } satisfies ApprovalStatusType;
  }

  @FieldResolver(() => Boolean, { description: 'Whether a newer version was published since.' })
  async stale(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    if (isFinished(changeRequest)) return false;
    const head = await new ChangeRequestService(ctx).headVersionNumber(ctx.em, changeRequest);
    return head !== changeRequest.baseVersionNumber;
  }

  @FieldResolver(() => [ChangeRequestReview], { description: 'Oldest first.' })
  async reviews(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ChangeRequestReview, { changeRequest }, { orderBy: { createdAt: 'asc' } });
  }

  @FieldResolver(() => [User])
  async requestedReviewers(
    @Root() changeRequest: ChangeRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<User[]> {
    const rows = await ctx.em.find(
      ChangeRequestReviewer,
      { changeRequest },
      { populate: ['user'], orderBy: { createdAt: 'asc' } },
    );
    return rows.map((row) => row.user);
  }

  @FieldResolver(() => ActorStamp, { description: 'Who opened it, as they were named then.' })
  author(@Root() changeRequest: ChangeRequest) {
    return changeRequest.authorStamp;
  }

  @FieldResolver(() => ID, { description: 'The author as a user id.' })
  authorId(@Root() changeRequest: ChangeRequest) {
    return toGlobalId('User', changeRequest.author.id);
  }

  @FieldResolver(() => [ReviewThread], { description: 'Oldest first.' })
  async threads(@Root() changeRequest: ChangeRequest, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ReviewThread, { changeRequest }, { orderBy: { createdAt: 'asc' } });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'For a merged emergency change: REVIEWED, AWAITING (due at emergencyReviewDueAt) or ' +
      'OVERDUE.',
  })
  emergencyReviewState(@Root() changeRequest: ChangeRequest) {
    if (!changeRequest.emergency || !changeRequest.emergencyReviewDueAt) return null;
    if (changeRequest.emergencyReviewedAt) return 'REVIEWED';
    return Date.now() > changeRequest.emergencyReviewDueAt.getTime() ? 'OVERDUE' : 'AWAITING';
  }
}

/** Comments of a thread. */
@Resolver(() => ReviewThread)
export class ReviewThreadResolver {
  @FieldResolver(() => [ReviewComment], { description: 'Oldest first.' })
  async comments(@Root() thread: ReviewThread, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ReviewComment, { thread }, { orderBy: { createdAt: 'asc' } });
  }
}

/** Reviewer ids of reviews. */
@Resolver(() => ChangeRequestReview)
export class ChangeRequestReviewResolver {
  @FieldResolver(() => ActorStamp, { description: 'Who reviewed, as they were named then.' })
  reviewer(@Root() review: ChangeRequestReview) {
    return review.reviewerStamp;
  }

  @FieldResolver(() => ID)
  reviewerId(@Root() review: ChangeRequestReview) {
    return toGlobalId('User', review.reviewer.id);
  }
}

function isFinished(changeRequest: ChangeRequest): boolean {
  return ['MERGED', 'REJECTED', 'WITHDRAWN'].includes(changeRequest.state);
}

/**
 * The assessment of one request, computed once per request even when a query selects several
 * of the fields that need it.
 */
async function assessmentOf(
  ctx: RequestContext,
  changeRequest: ChangeRequest,
): Promise<ChangeRequestAssessment> {
  const cache = assessments.get(ctx) ?? new Map<string, Promise<ChangeRequestAssessment>>();
  assessments.set(ctx, cache);
  let assessment = cache.get(changeRequest.id);
  if (!assessment) {
    assessment = new ChangeRequestService(ctx).assess(ctx.em, changeRequest);
    cache.set(changeRequest.id, assessment);
  }
  return assessment;
}

const assessments = new WeakMap<RequestContext, Map<string, Promise<ChangeRequestAssessment>>>();
