import type {
  DetectionSource,
  IncidentRole,
  IncidentStatus,
  Priority,
  Severity,
} from '@keel/domain';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  DetectionSourceEnum,
  IncidentRoleEnum,
  IncidentStatusEnum,
  PriorityEnum,
  SeverityEnum,
} from '../../graphql/enums.js';
import { User } from '../account/user.entity.js';

/** A newly noticed failure. */
@InputType('DeclareIncidentInput')
export class DeclareIncidentInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => DetectionSourceEnum)
  detectionSource!: DetectionSource;

  @Field(() => Date, { nullable: true, description: 'Defaults to now; may not be in the future.' })
  detectedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the failure began, if known.' })
  startedAt?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'Affected automations.' })
  automationIds?: string[] | null;
}

/** Edits to an incident's description; omitted fields stay as they are. */
@InputType('UpdateIncidentInput')
export class UpdateIncidentInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => Int, { description: 'The version the edit is based on.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => SeverityEnum, { nullable: true })
  severity?: Severity | null;

  @Field(() => PriorityEnum, { nullable: true })
  priority?: Priority | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the affected automations.' })
  automationIds?: string[] | null;
}

/** Describes what is affected. Changing it withdraws an earlier validation. */
@InputType('SetImpactScopeInput')
export class SetImpactScopeInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String)
  description!: string;
}

/** A person confirms the impact scope as written at `expectedVersion`. */
@InputType('ValidateImpactScopeInput')
export class ValidateImpactScopeInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

/** A lifecycle step. */
@InputType('TransitionIncidentInput')
export class TransitionIncidentInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => IncidentStatusEnum)
  to!: IncidentStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why; required to cancel or to reopen a resolved incident.',
  })
  note?: string | null;
}

/** Gives a role to a member, hands it over, or leaves it empty (`userId: null`). */
@InputType('AssignIncidentRoleInput')
export class AssignIncidentRoleInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => IncidentRoleEnum)
  role!: IncidentRole;

  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when the role changes hands.' })
  handoffNote?: string | null;

  @Field(() => Int, { nullable: true, description: 'When given, stale versions are refused.' })
  expectedVersion?: number | null;
}

/** Narrows the incident list; every given criterion must hold. */
@InputType('IncidentFilter')
export class IncidentFilter {
  @Field(() => [IncidentStatusEnum], { nullable: true })
  statuses?: IncidentStatus[] | null;

  @Field(() => [SeverityEnum], { nullable: true })
  severities?: Severity[] | null;

  @Field(() => ID, { nullable: true })
  automationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Incidents affecting the team’s automations.' })
  ownerTeamId?: string | null;

  @Field(() => Date, { nullable: true })
  declaredAfter?: Date | null;

  @Field(() => Date, { nullable: true })
  declaredBefore?: Date | null;

  @Field(() => String, { nullable: true, description: 'Text in the title or summary.' })
  search?: string | null;
}

/** What is affected, and who confirmed it. */
@ObjectType('ImpactScope', { simpleResolvers: true })
export class ImpactScope {
  @Field(() => String)
  description!: string;

  @Field(() => User, { nullable: true })
  validatedBy!: User | null;

  @Field(() => Date, { nullable: true })
  validatedAt!: Date | null;
}

/** Response durations in milliseconds. */
@ObjectType('ResponseTimes', { simpleResolvers: true })
export class ResponseTimesType {
  @Field(() => Number, { nullable: true })
  timeToDetectMs!: number | null;

  @Field(() => Number, { nullable: true })
  timeToAcknowledgeMs!: number | null;

  @Field(() => Number, { nullable: true })
  timeToContainMs!: number | null;

  @Field(() => Number, { nullable: true })
  timeToResolveMs!: number | null;
}
