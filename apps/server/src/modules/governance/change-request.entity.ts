import {
  Embedded,
  Entity,
  Enum,
  Index,
  JsonType,
  ManyToOne,
  Property,
  Unique,
} from '@mikro-orm/core';
import {
  CHANGE_REQUEST_KINDS,
  CHANGE_RISK_LEVELS,
  REVIEW_VERDICTS,
  type ChangeRequestKind,
  type ChangeRiskLevel,
  type MergeConflict,
  type ReviewVerdict,
} from '@keel/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { enumOf } from '../../graphql/enums.js';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { User } from '../account/user.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Playbook } from './playbook.entity.js';

/** Where a change request stands. */
export const CHANGE_REQUEST_STATES = [
  'DRAFT',
  'OPEN',
  'CHANGES_REQUESTED',
  'APPROVED',
  'MERGED',
  'REJECTED',
  'WITHDRAWN',
] as const;

/** One of {@link CHANGE_REQUEST_STATES}. */
export type ChangeRequestState = (typeof CHANGE_REQUEST_STATES)[number];

/** States from which nothing more happens, except the review an emergency merge owes. */
export const FINISHED_STATES: readonly ChangeRequestState[] = ['MERGED', 'REJECTED', 'WITHDRAWN'];

/** GraphQL enum `ChangeRequestState`. */
export const ChangeRequestStateEnum = enumOf(
  CHANGE_REQUEST_STATES,
  'ChangeRequestState',
  'Where a change request stands.',
);

/** GraphQL enum `ChangeRequestKind`. */
export const ChangeRequestKindEnum = enumOf(
  CHANGE_REQUEST_KINDS,
  'ChangeRequestKind',
  'What a change request proposes.',
);

/** GraphQL enum `ChangeRiskLevel`. */
export const ChangeRiskLevelEnum = enumOf(
  CHANGE_RISK_LEVELS,
  'ChangeRiskLevel',
  'How risky a change is; the approval policy has one rule per level.',
);

/** GraphQL enum `ReviewVerdict`. */
export const ReviewVerdictEnum = enumOf(
  REVIEW_VERDICTS,
  'ReviewVerdict',
  'APPROVE and REQUEST_CHANGES are verdicts; COMMENT leaves an earlier verdict standing.',
);

/**
 * A proposal to create a playbook, publish a new version of one, deprecate one, or change the
 * approval policy. Its content lives in revisions; the row carries the state machine. The
 * version column makes two concurrent state changes conflict instead of overwriting each other.
 */
@Entity({ tableName: 'change_request' })
@Unique({ properties: ['organization', 'number'] })
@Index({ properties: ['organization', 'state'] })
@ObjectType('ChangeRequest', {
  simpleResolvers: true,
  implements: Node,
  description: 'A reviewable proposal to change a playbook or the approval policy.',
})
export class ChangeRequest extends BaseEntity<
  | 'state'
  | 'version'
  | 'updatedAt'
  | 'emergency'
  | 'description'
  | 'playbook'
  | 'baseVersionNumber'
  | 'replacement'
  | 'currentRevision'
  | 'mergedAt'
  | 'mergedBy'
  | 'appliedPolicy'
  | 'emergencyReviewDueAt'
  | 'emergencyReviewedAt'
  | 'closedReason'
> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** Per-organisation number people quote: "CR-12". */
  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => ChangeRequestKindEnum)
  @Enum({ items: () => [...CHANGE_REQUEST_KINDS], type: 'string' })
  kind!: ChangeRequestKind;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string = '';

  @Field(() => ChangeRequestStateEnum)
  @Enum({ items: () => [...CHANGE_REQUEST_STATES], type: 'string' })
  state: ChangeRequestState = 'DRAFT';

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  author!: User;

  /** Served as `author` by the resolver; the relation of the same name is the user. */
  @Embedded(() => ActorStamp, { prefix: 'authored_by_' })
  authorStamp!: ActorStamp;

  /** The playbook changed; for NEW_PLAYBOOK it is set when the request merges. */
  @ManyToOne(() => Playbook, { nullable: true, deleteRule: 'restrict' })
  playbook: Playbook | null = null;

  /**
   * The version the proposal starts from (a playbook version, or for POLICY_CHANGE a policy
   * version). Merging requires it to still be the newest one.
   */
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  baseVersionNumber: number | null = null;

  /** For DEPRECATION: the playbook to use instead, when there is one. */
  @ManyToOne(() => Playbook, { nullable: true, deleteRule: 'set null' })
  replacement: Playbook | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  currentRevision: number = 1;

  /**
   * Emergency changes may merge without approvals, but owe a review within the hours the
   * policy sets, and show as overdue until they get it.
   */
  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  emergency: boolean = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  mergedAt: Date | null = null;

  @Field(() => ActorStamp, { nullable: true })
  @Embedded(() => ActorStamp, { prefix: 'merged_by_', nullable: true })
  mergedBy: ActorStamp | null = null;

  /** The policy version and the evaluation that allowed the merge, kept as evidence. */
  @Property({ type: JsonType, nullable: true })
  appliedPolicy: AppliedPolicy | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  emergencyReviewDueAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  emergencyReviewedAt: Date | null = null;

  /** Why it was rejected or withdrawn. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  closedReason: string | null = null;

  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('ChangeRequest', this.id);
  }
}

/** What {@link ChangeRequest.appliedPolicy} records. */
export interface AppliedPolicy {
  policyVersion: number;
  riskLevel: ChangeRiskLevel;
  riskReasons: string[];
  emergency: boolean;
  approvers: string[];
  requirements: Array<{ id: string; label: string; needed: number; approvers: string[] }>;
}

/** The proposed document at one revision. Revisions are written once. */
@Entity({ tableName: 'change_request_revision' })
@Unique({ properties: ['changeRequest', 'number'] })
@ObjectType('ChangeRequestRevision', { simpleResolvers: true })
export class ChangeRequestRevision extends BaseEntity<'conflicts' | 'document'> {
  @ManyToOne(() => ChangeRequest, { deleteRule: 'cascade' })
  changeRequest!: ChangeRequest;

  @Field(() => Int)
  @Property({ type: 'integer' })
  number!: number;

  /** The base version this revision was written against. */
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  baseVersionNumber!: number | null;

  /** The proposed content; null for a DEPRECATION, which proposes no content. */
  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: JsonType, nullable: true })
  document: Record<string, unknown> | null = null;

  /** Conflicts a base update left for the author to settle; empty otherwise. */
  @Property({ type: JsonType })
  conflicts: MergeConflict[] = [];

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'author_' })
  author!: ActorStamp;

  @Field(() => String, { nullable: true, description: 'What this revision changed, in words.' })
  @Property({ type: 'text', nullable: true })
  message!: string | null;
}

/** Someone the author asked for a review. */
@Entity({ tableName: 'change_request_reviewer' })
@Unique({ properties: ['changeRequest', 'user'] })
export class ChangeRequestReviewer extends BaseEntity {
  @ManyToOne(() => ChangeRequest, { deleteRule: 'cascade' })
  changeRequest!: ChangeRequest;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;
}

/** A review of one revision. Reviews are appended, never edited. */
@Entity({ tableName: 'change_request_review' })
@Index({ properties: ['changeRequest', 'createdAt'] })
@ObjectType('ChangeRequestReview', { simpleResolvers: true })
export class ChangeRequestReview extends BaseEntity<'body' | 'afterMerge'> {
  @ManyToOne(() => ChangeRequest, { deleteRule: 'cascade' })
  changeRequest!: ChangeRequest;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  reviewer!: User;

  /** Served as `reviewer` by the resolver; the relation of the same name is the user. */
  @Embedded(() => ActorStamp, { prefix: 'reviewed_by_' })
  reviewerStamp!: ActorStamp;

  @Field(() => ReviewVerdictEnum)
  @Enum({ items: () => [...REVIEW_VERDICTS], type: 'string' })
  verdict!: ReviewVerdict;

  @Field(() => String)
  @Property({ type: 'text' })
  body: string = '';

  @Field(() => Int, { description: 'The revision reviewed.' })
  @Property({ type: 'integer' })
  revision!: number;

  /** A review given after an emergency merge, settling the review it owed. */
  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  afterMerge: boolean = false;
}

/** A discussion anchored at one path of the proposed document. */
@Entity({ tableName: 'review_thread' })
@ObjectType('ReviewThread', { simpleResolvers: true, implements: Node })
export class ReviewThread extends BaseEntity<'resolvedAt' | 'resolvedBy'> {
  @Index()
  @ManyToOne(() => ChangeRequest, { deleteRule: 'cascade' })
  changeRequest!: ChangeRequest;

  @Field(() => String, {
    description: 'Where in the document, as in a diff: /modules/contain/steps/export/title.',
  })
  @Property({ type: 'string', length: 500 })
  path!: string;

  @Field(() => Int, { description: 'The revision the thread was started on.' })
  @Property({ type: 'integer' })
  revision!: number;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => ActorStamp, { nullable: true })
  @Embedded(() => ActorStamp, { prefix: 'resolved_by_', nullable: true })
  resolvedBy: ActorStamp | null = null;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('ReviewThread', this.id);
  }
}

/** One message of a thread. */
@Entity({ tableName: 'review_comment' })
@Index({ properties: ['thread', 'createdAt'] })
@ObjectType('ReviewComment', { simpleResolvers: true })
export class ReviewComment extends BaseEntity {
  @ManyToOne(() => ReviewThread, { deleteRule: 'cascade' })
  thread!: ReviewThread;

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'author_' })
  author!: ActorStamp;

  @Field(() => String)
  @Property({ type: 'text' })
  body!: string;
}
