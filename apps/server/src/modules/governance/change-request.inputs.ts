import type { ChangeRequestKind, ReviewVerdict } from '@keel/domain';
import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  ChangeRequestKindEnum,
  ChangeRequestStateEnum,
  ReviewVerdictEnum,
  type ChangeRequestState,
} from './change-request.entity.js';

/** What `openChangeRequest` proposes. */
@InputType('OpenChangeRequestInput')
export class OpenChangeRequestInput {
  @Field(() => ChangeRequestKindEnum)
  kind!: ChangeRequestKind;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The playbook to change; required for NEW_VERSION and DEPRECATION.',
  })
  playbookId?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The proposed PlaybookDocument (NEW_PLAYBOOK, NEW_VERSION) or ApprovalPolicyDocument ' +
      '(POLICY_CHANGE); absent for DEPRECATION.',
  })
  document?: Record<string, unknown> | null;

  @Field(() => ID, { nullable: true, description: 'For DEPRECATION: the playbook to use instead.' })
  replacementPlaybookId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'People asked to review.' })
  reviewerIds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Keep it as a DRAFT, invisible to the approval rules until submitted.',
  })
  draft?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'An emergency change may merge without approvals but owes a review within the hours ' +
      'the approval policy sets.',
  })
  emergency?: boolean | null;
}

/** A new revision of the proposed document. */
@InputType('ReviseChangeRequestInput')
export class ReviseChangeRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLJSONObject)
  document!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'What changed, in words.' })
  message?: string | null;

  @Field(() => Int, {
    description: 'The revision this one replaces; a stale number is a CONFLICT.',
  })
  expectedRevision!: number;
}

/** A review of the current revision. */
@InputType('ReviewChangeRequestInput')
export class ReviewChangeRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewVerdictEnum)
  verdict!: ReviewVerdict;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => Int, { description: 'The revision reviewed; it must be the current one.' })
  revision!: number;
}

/** A comment on one path of the proposed document, starting a thread or answering one. */
@InputType('CommentOnChangeRequestInput')
export class CommentOnChangeRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where the comment applies (as in the diff); required to start a thread.',
  })
  path?: string | null;

  @Field(() => ID, { nullable: true, description: 'The thread to answer.' })
  threadId?: string | null;

  @Field(() => String)
  body!: string;
}

/** Merging, with the revision the merger looked at. */
@InputType('MergeChangeRequestInput')
export class MergeChangeRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The revision being merged; a stale number is a CONFLICT.' })
  expectedRevision!: number;
}

/** Filters of `changeRequests`. */
@InputType('ChangeRequestFilter')
export class ChangeRequestFilter {
  @Field(() => [ChangeRequestStateEnum], { nullable: true })
  states?: ChangeRequestState[] | null;

  @Field(() => ID, { nullable: true })
  playbookId?: string | null;
}
