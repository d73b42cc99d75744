import { MAX_TITLE_LENGTH, playbookReviewState } from '@keel/domain';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requirePermission, requireUser } from '../../auth/actor.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { enumOf } from '../../graphql/enums.js';
import { keyOf } from '../../ids.js';
import { auditChange } from '../audit/audit.service.js';
import { TeamMember } from '../team/team-member.entity.js';
import { Team } from '../team/team.entity.js';
import { ApprovalPolicyVersion } from './approval-policy.entity.js';
import { ChangeRequest } from './change-request.entity.js';
import { currentPolicy } from './governance.context.js';
import {
  Playbook,
  PlaybookStatusEnum,
  PlaybookVersion,
  type PlaybookStatus,
} from './playbook.entity.js';

/** Most playbooks one list returns; an organisation keeps dozens, not thousands. */
const LIST_LIMIT = 500;

const ReviewStateEnum = enumOf(
  ['CURRENT', 'DUE_SOON', 'OVERDUE'] as const,
  'PlaybookReviewState',
  'Whether a playbook is within its review interval.',
);

/** When a playbook's periodic review falls due. */
@ObjectType('PlaybookReview', { simpleResolvers: true })
export class PlaybookReviewType {
  @Field(() => ReviewStateEnum)
  state!: 'CURRENT' | 'DUE_SOON' | 'OVERDUE';

  @Field(() => Date)
  dueAt!: Date;

  @Field(() => Int)
  daysOverdue!: number;
}

/** Filters of `playbooks`. */
@InputType('PlaybookFilter')
export class PlaybookFilter {
  @Field(() => [PlaybookStatusEnum], { nullable: true })
  statuses?: PlaybookStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Text in the title.' })
  search?: string | null;
}

/** What needs governance attention. */
@ObjectType('GovernanceReview', { simpleResolvers: true })
export class GovernanceReviewType {
  @Field(() => [Playbook], { description: 'Active playbooks whose review is due soon or overdue.' })
  playbooksDue!: Playbook[];

  @Field(() => [ChangeRequest], {
    description: 'Emergency changes merged without review that still owe one.',
  })
  emergencyChangesAwaitingReview!: ChangeRequest[];
}

/** The playbook library, the approval policy and the governance queue. */
@Resolver(() => Playbook)
export class PlaybookResolver {
  @Query(() => [Playbook], { description: 'Playbooks by title (at most 500).' })
  async playbooks(
    @Arg('filter', () => PlaybookFilter, { nullable: true }) filter: PlaybookFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    const actor = requirePermission(ctx.actor, 'read');
    const where: Record<string, unknown> = { organization: actor.organizationId };
    if (filter?.statuses?.length) where.status = { $in: filter.statuses };
    if (filter?.search?.trim()) {
      const text = filter.search.trim().slice(0, MAX_TITLE_LENGTH);
      where.title = { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    }
    return ctx.em.find(Playbook, where, { orderBy: { title: 'asc' }, limit: LIST_LIMIT });
  }

  @Query(() => Playbook, { nullable: true })
  async playbook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const actor = requirePermission(ctx.actor, 'read');
    const key = keyOf(id, 'Playbook');
    return key ? ctx.em.findOne(Playbook, { id: key, organization: actor.organizationId }) : null;
  }

  @Query(() => ApprovalPolicyVersion, { description: 'The approval policy in force.' })
  async approvalPolicy(@Ctx() ctx: RequestContext) {
    const actor = requirePermission(ctx.actor, 'read');
    return currentPolicy(ctx.em, actor.organizationId);
  }

  @Query(() => GovernanceReviewType)
  async governanceReview(@Ctx() ctx: RequestContext): Promise<GovernanceReviewType> {
    const actor = requirePermission(ctx.actor, 'read');
    const now = new Date();
    const [active, emergencies] = await Promise.all([
      ctx.em.find(
        Playbook,
        { organization: actor.organizationId, status: 'ACTIVE' },
        { orderBy: { lastReviewedAt: 'asc' } },
      ),
      ctx.em.find(
        ChangeRequest,
        {
          organization: actor.organizationId,
          state: 'MERGED',
          emergency: true,
          emergencyReviewedAt: null,
        },
        { orderBy: { emergencyReviewDueAt: 'asc' } },
      ),
    ]);

    const versions = active.length
      ? await ctx.em.find(PlaybookVersion, {
          $or: active.map((playbook) => ({ playbook, number: playbook.currentVersionNumber })),
        })
      : [];
    const intervalOf = new Map(
      versions.map((version) => [version.playbook.id, version.document.reviewIntervalDays]),
    );
    return {
      playbooksDue: active.filter((playbook) => {
        const state = playbookReviewState({
          lastReviewedAt: playbook.lastReviewedAt,
          reviewIntervalDays: intervalOf.get(playbook.id)!,
          now,
        }).state;
        return state !== 'CURRENT';
      }),
      emergencyChangesAwaitingReview: emergencies,
    };
  }

  @Mutation(() => Playbook, {
    description:
      'Confirms the playbook still fits, restarting its review interval (owner team or admins).',
  })
  async markPlaybookReviewed(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const actor = requireUser(ctx.actor, 'write');

    return inTransaction(ctx.em, async (em) => {
      const key = keyOf(id, 'Playbook');
      const playbook = key
        ? await em.findOne(Playbook, { id: key, organization: actor.organizationId })
        : null;
      if (!playbook) throw new NotFoundError('No such playbook.');

      const inOwnerTeam = await em.count(TeamMember, {
        team: playbook.ownerTeam.id,
        user: actor.userId,
      });
      if (!inOwnerTeam && actor.role !== 'ADMIN') {
        throw new ForbiddenError(
          "Only the owner team or an admin can confirm a playbook's review.",
        );
      }

      const before = playbook.lastReviewedAt.toISOString();
      playbook.lastReviewedAt = new Date();
      await em.flush();

      await auditChange(em, ctx, actor, {
        action: 'playbook.review',
        targetType: 'Playbook',
        targetId: playbook.id,
        changes: { lastReviewedAt: { before, after: playbook.lastReviewedAt.toISOString() } },
      });
      return playbook;
    });
  }

  @FieldResolver(() => Team)
  async ownerTeam(@Root() playbook: Playbook, @Ctx() ctx: RequestContext) {
    return ctx.loaders.team.load(playbook.ownerTeam.id);
  }

  @FieldResolver(() => Playbook, { nullable: true })
  async replacedBy(@Root() playbook: Playbook, @Ctx() ctx: RequestContext) {
    return playbook.replacedBy ? ctx.em.findOne(Playbook, playbook.replacedBy.id) : null;
  }

  @FieldResolver(() => PlaybookVersion)
  async currentVersion(@Root() playbook: Playbook, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(PlaybookVersion, {
      playbook,
      number: playbook.currentVersionNumber,
    });
  }

  @FieldResolver(() => [PlaybookVersion], { description: 'Newest first.' })
  async versions(@Root() playbook: Playbook, @Ctx() ctx: RequestContext) {
    return ctx.em.find(PlaybookVersion, { playbook }, { orderBy: { number: 'desc' } });
  }

  @FieldResolver(() => [ChangeRequest], { description: 'Change requests on it, newest first.' })
  async changeRequests(@Root() playbook: Playbook, @Ctx() ctx: RequestContext) {
    return ctx.em.find(ChangeRequest, { playbook }, { orderBy: { number: 'desc' } });
  }

  @FieldResolver(() => PlaybookReviewType)
  async review(@Root() playbook: Playbook, @Ctx() ctx: RequestContext) {
    return reviewOf(ctx, playbook, new Date());
  }
}

/** The playbook a version belongs to. */
@Resolver(() => PlaybookVersion)
export class PlaybookVersionResolver {
  @FieldResolver(() => Playbook)
  async playbook(@Root() version: PlaybookVersion, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(Playbook, version.playbook.id);
  }

  @FieldResolver(() => String)
  title(@Root() version: PlaybookVersion) {
    return version.document.title;
  }
}

async function reviewOf(ctx: RequestContext, playbook: Playbook, now: Date) {
  const version = await ctx.em.findOneOrFail(PlaybookVersion, {
    playbook,
    number: playbook.currentVersionNumber,
  });
  return playbookReviewState({
    lastReviewedAt: playbook.lastReviewedAt,
    reviewIntervalDays: version.document.reviewIntervalDays,
    now,
  });
}
