import {
  ArrayType,
  Embedded,
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  Unique,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { enumOf } from '../../graphql/enums.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Incident } from '../incident/incident.entity.js';
import { PlaybookVersion } from './playbook.entity.js';

/**
 * A playbook version attached to an incident: its checklist, worked through by the incident's
 * role holders. The run pins the version, so later versions never change a running incident.
 * Its progress is the fold of its actions (see playbook-run.state.ts).
 */
@Entity({ tableName: 'playbook_run' })
@Index({ properties: ['incident', 'createdAt'] })
@Unique({ properties: ['incident', 'playbookVersion'] })
@ObjectType('PlaybookRun', {
  simpleResolvers: true,
  implements: Node,
  description: 'A playbook version being worked through in an incident.',
})
export class PlaybookRun extends BaseEntity<'warnings' | 'version'> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Incident;

  @ManyToOne(() => PlaybookVersion, { deleteRule: 'restrict' })
  playbookVersion!: PlaybookVersion;

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'attached_by_' })
  attachedBy!: ActorStamp;

  /** What was wrong with the playbook when it was attached (deprecated, review overdue). */
  @Field(() => [String])
  @Property({ type: ArrayType })
  warnings: string[] = [];

  /** Bumped by every action, so two people answering one gate at once cannot both win. */
  @Property({ type: 'integer', version: true })
  version!: number;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('PlaybookRun', this.id);
  }
}

/** What a run action did. */
export const RUN_ACTION_KINDS = [
  'STEP_CHECKED',
  'STEP_UNCHECKED',
  'ARTIFACT_ATTACHED',
  'GATE_ANSWERED',
] as const;

/** One of {@link RUN_ACTION_KINDS}. */
export type RunActionKind = (typeof RUN_ACTION_KINDS)[number];

/** GraphQL enum `PlaybookRunActionKind`. */
export const RunActionKindEnum = enumOf(
  RUN_ACTION_KINDS,
  'PlaybookRunActionKind',
  'What someone did in a playbook run.',
);

/** One thing someone did in a run. Appended, never changed: the run's history is its log. */
@Entity({ tableName: 'playbook_run_action' })
@Index({ properties: ['run', 'createdAt'] })
@ObjectType('PlaybookRunAction', { simpleResolvers: true })
export class PlaybookRunAction extends BaseEntity<
  'stepId' | 'gateId' | 'optionId' | 'rationale' | 'artifactLabel' | 'artifactUrl'
> {
  @ManyToOne(() => PlaybookRun, { deleteRule: 'cascade' })
  run!: PlaybookRun;

  @Field(() => RunActionKindEnum)
  @Enum({ items: () => [...RUN_ACTION_KINDS], type: 'string' })
  kind!: RunActionKind;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  moduleId!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  stepId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  gateId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  optionId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  rationale: string | null = null;

  /** Which of the step's required artifacts this is ("export of affected records"). */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  artifactLabel: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 2048, nullable: true })
  artifactUrl: string | null = null;

  @Field(() => ActorStamp)
  @Embedded(() => ActorStamp, { prefix: 'actor_' })
  actor!: ActorStamp;

  /** The timeline entry written for this action. */
  @Property({ type: 'string', length: 64 })
  timelineEntryId!: string;
}
