import type { IncidentRole } from '@keel/domain';
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
  Resolver,
  Root,
} from 'type-graphql';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { IncidentRoleEnum } from '../../graphql/enums.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Incident } from '../incident/incident.entity.js';
import { PlaybookRun, PlaybookRunAction } from './playbook-run.entity.js';
import { PlaybookRunService } from './playbook-run.service.js';
import {
  foldRun,
  type ArtifactState,
  type GateAnswerState,
  type GateState,
  type ModuleState,
  type PathLink,
  type RunActorRef,
  type RunProgress,
  type RunState,
  type StepState,
} from './playbook-run.state.js';
import { Playbook, PlaybookVersion } from './playbook.entity.js';

/** What `attachPlaybook` takes. */
@InputType('AttachPlaybookInput')
export class AttachPlaybookInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => ID)
  playbookVersionId!: string;
}

/** What `checkPlaybookStep` takes. */
@InputType('CheckPlaybookStepInput')
export class CheckPlaybookStepInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  stepId!: string;

  @Field(() => Boolean, { description: 'False unchecks the step.' })
  checked!: boolean;
}

/** What `attachPlaybookArtifact` takes. */
@InputType('AttachPlaybookArtifactInput')
export class AttachPlaybookArtifactInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  stepId!: string;

  @Field(() => String, {
    description:
      "Which of the step's required artifacts this is (case is ignored); any other label is " +
      'kept as extra material. At most 200 characters.',
  })
  label!: string;

  @Field(() => String, { description: 'An http or https link, at most 2048 characters.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  note?: string | null;
}

/** What `answerDecisionGate` takes. */
@InputType('AnswerDecisionGateInput')
export class AnswerDecisionGateInput {
  @Field(() => ID)
  runId!: string;

  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  gateId!: string;

  @Field(() => String)
  optionId!: string;

  @Field(() => String, { description: 'Why this option; required, at most 2000 characters.' })
  rationale!: string;
}

/** An artifact attached to a step. */
@ObjectType('PlaybookRunArtifact', { simpleResolvers: true })
export class PlaybookRunArtifactType implements ArtifactState {
  @Field(() => String)
  label!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => ActorStamp)
  attachedBy!: RunActorRef;

  @Field(() => Date)
  attachedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The required artifact this provides; null for extra material.',
  })
  fulfils!: string | null;
}

/** A step of a module on the run's path. */
@ObjectType('PlaybookRunStep', { simpleResolvers: true })
export class PlaybookRunStepType implements StepState {
  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  stepId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  detail!: string;

  @Field(() => IncidentRoleEnum, { description: 'Who checks it off, besides the incident lead.' })
  role!: IncidentRole;

  @Field(() => Int)
  expectedMinutes!: number;

  @Field(() => [String])
  requiredArtifacts!: string[];

  @Field(() => Boolean)
  checked!: boolean;

  @Field(() => ActorStamp, { nullable: true })
  checkedBy!: RunActorRef | null;

  @Field(() => Date, { nullable: true })
  checkedAt!: Date | null;

  @Field(() => [PlaybookRunArtifactType], { description: 'In the order they were attached.' })
  artifacts!: ArtifactState[];

  @Field(() => [String], { description: 'Required artifacts still to attach before checking.' })
  missingArtifacts!: string[];
}

/** One answer a gate offers. */
@ObjectType('PlaybookGateOption', { simpleResolvers: true })
export class PlaybookGateOptionType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  nextModuleId!: string;
}

/** The answer a gate holds. */
@ObjectType('PlaybookGateAnswer', { simpleResolvers: true })
export class PlaybookGateAnswerType implements GateAnswerState {
  @Field(() => String)
  optionId!: string;

  @Field(() => String)
  optionLabel!: string;

  @Field(() => String)
  nextModuleId!: string;

  @Field(() => String)
  rationale!: string;

  @Field(() => ActorStamp)
  answeredBy!: RunActorRef;

  @Field(() => Date)
  answeredAt!: Date;
}

/** A decision gate of a module on the run's path. */
@ObjectType('PlaybookRunGate', { simpleResolvers: true })
export class PlaybookRunGateType implements GateState {
  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  gateId!: string;

  @Field(() => String)
  question!: string;

  @Field(() => [PlaybookGateOptionType])
  options!: PlaybookGateOptionType[];

  @Field(() => PlaybookGateAnswerType, { nullable: true, description: 'Null until answered.' })
  answer!: GateAnswerState | null;
}

/** The answer that brought a module onto the path. */
@ObjectType('PlaybookPathLink', { simpleResolvers: true })
export class PlaybookPathLinkType implements PathLink {
  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  gateId!: string;

  @Field(() => String)
  optionId!: string;
}

/** A module on the run's path. */
@ObjectType('PlaybookRunModule', { simpleResolvers: true })
export class PlaybookRunModuleType implements ModuleState {
  @Field(() => String)
  moduleId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => PlaybookPathLinkType, {
    nullable: true,
    description: 'The gate answer that brought the run here; null for the entry module.',
  })
  reachedBy!: PathLink | null;

  @Field(() => IncidentRoleEnum, {
    nullable: true,
    description:
      "Who may answer the module's gates besides the incident lead: the role most of its " +
      'steps name (on a tie, the one named first); null leaves them to the incident lead.',
  })
  deciderRole!: IncidentRole | null;

  @Field(() => [PlaybookRunStepType])
  steps!: StepState[];

  @Field(() => [PlaybookRunGateType])
  gates!: GateState[];
}

/** Checked steps out of all steps on the path. */
@ObjectType('PlaybookRunProgress', { simpleResolvers: true })
export class PlaybookRunProgressType implements RunProgress {
  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  total!: number;
}

/** Where a run stands, folded from its actions. */
@ObjectType('PlaybookRunState', { simpleResolvers: true })
export class PlaybookRunStateType implements RunState {
  @Field(() => [PlaybookRunModuleType], {
    description:
      'The modules on the path: the entry module, then each module in the order gate ' +
      'answers reached it. A re-answered gate drops what its earlier answer led to.',
  })
  modules!: ModuleState[];

  @Field(() => PlaybookRunProgressType)
  progress!: RunProgress;
}

/** Attaching playbooks to incidents and working through them. */
@Resolver(() => PlaybookRun)
export class PlaybookRunResolver {
  @Mutation(() => PlaybookRun, {
    description:
      'Attaches a playbook version to an open incident. Deprecated, superseded or overdue ' +
      'playbooks attach with warnings; a version attaches once per incident.',
  })
  async attachPlaybook(
    @Arg('input', () => AttachPlaybookInput) input: AttachPlaybookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlaybookRun> {
    return new PlaybookRunService(ctx).attach(input);
  }

  @Mutation(() => PlaybookRun, {
    description:
      "Checks a step off (or unchecks it); for the holder of the step's role or the incident " +
      'lead, once every required artifact is attached. Written to the timeline.',
  })
  async checkPlaybookStep(
    @Arg('input', () => CheckPlaybookStepInput) input: CheckPlaybookStepInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlaybookRun> {
    return new PlaybookRunService(ctx).checkStep(input);
  }

  @Mutation(() => PlaybookRun, {
    description:
      "Attaches a link to a step; for the holder of the step's role or the incident lead. " +
      'Written to the timeline as evidence.',
  })
  async attachPlaybookArtifact(
    @Arg('input', () => AttachPlaybookArtifactInput) input: AttachPlaybookArtifactInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlaybookRun> {
    return new PlaybookRunService(ctx).attachArtifact(input);
  }

  @Mutation(() => PlaybookRun, {
    description:
      "Answers a decision gate with a rationale; for the incident lead or the module's " +
      'deciderRole. Answering again replaces what the earlier answer led to.',
  })
  async answerDecisionGate(
    @Arg('input', () => AnswerDecisionGateInput) input: AnswerDecisionGateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlaybookRun> {
    return new PlaybookRunService(ctx).answerGate(input);
  }

  @FieldResolver(() => Incident)
  async incident(@Root() run: PlaybookRun, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(Incident, run.incident.id);
  }

  @FieldResolver(() => PlaybookVersion, { description: 'The version the run is pinned to.' })
  async playbookVersion(@Root() run: PlaybookRun, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(PlaybookVersion, run.playbookVersion.id);
  }

  @FieldResolver(() => Playbook)
  async playbook(@Root() run: PlaybookRun, @Ctx() ctx: RequestContext) {
    const version = await ctx.em.findOneOrFail(PlaybookVersion, run.playbookVersion.id);
    return ctx.em.findOneOrFail(Playbook, version.playbook.id);
  }

  @FieldResolver(() => PlaybookRunStateType)
  async state(@Root() run: PlaybookRun, @Ctx() ctx: RequestContext): Promise<RunState> {
    const version = await ctx.em.findOneOrFail(PlaybookVersion, run.playbookVersion.id);
    return foldRun(version.document, await actionsOf(ctx, run));
  }

  @FieldResolver(() => [PlaybookRunAction], {
    description: 'Everything done in the run, oldest first.',
  })
  async actions(@Root() run: PlaybookRun, @Ctx() ctx: RequestContext) {
    return actionsOf(ctx, run);
  }
}

async function actionsOf(ctx: RequestContext, run: PlaybookRun): Promise<PlaybookRunAction[]> {
  return ctx.em.find(PlaybookRunAction, { run }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** `Incident.playbookRuns` and `Incident.suggestedPlaybooks`. */
@Resolver(() => Incident)
export class IncidentPlaybookResolver {
  @FieldResolver(() => [PlaybookRun], { description: 'Playbooks attached, oldest first.' })
  async playbookRuns(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    const actor = requirePermission(ctx.actor, 'read');
    return ctx.em.find(
      PlaybookRun,
      { incident: incident.id, organization: actor.organizationId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  @FieldResolver(() => [Playbook], {
    description:
      "Active playbooks whose current version's triggers name the platform of an affected " +
      'automation, then those that name no platform (they fit any), each group by title.',
  })
  async suggestedPlaybooks(@Root() incident: Incident, @Ctx() ctx: RequestContext) {
    const actor = requirePermission(ctx.actor, 'read');
    const automations =
      ctx.loaders.known.automationsOfIncident.get(incident.id) ??
      (await ctx.loaders.automationsOfIncident.load(incident.id));
    const platforms = new Set(automations.map((automation) => automation.platform));

    const active = await ctx.em.find(
      Playbook,
      { organization: actor.organizationId, status: 'ACTIVE' },
      { orderBy: { title: 'asc', id: 'asc' } },
    );
    if (active.length === 0) return [];

    // Triggers live in the document, so they are read from each playbook's current version.
    const versions = await ctx.em.find(PlaybookVersion, {
      $or: active.map((playbook) => ({ playbook, number: playbook.currentVersionNumber })),
    });
    const wantedBy = new Map(
      versions.map((version) => [version.playbook.id, version.document.triggers.platforms]),
    );

    const specific = active.filter((playbook) =>
      (wantedBy.get(playbook.id) ?? []).some((platform) => platforms.has(platform)),
    );
    const generic = active.filter((playbook) => (wantedBy.get(playbook.id) ?? []).length === 0);
    return [...specific, ...generic];
  }
}
