import {
  MAX_NOTE_LENGTH,
  MAX_URL_LENGTH,
  ROLE_LABELS,
  checkText,
  playbookReviewState,
  type DecisionGate,
  type GateOption,
  type IncidentRole,
  type PlaybookDocument,
  type PlaybookModule,
  type PlaybookStep,
} from '@keel/domain';
import type { RunActionKind } from './playbook-run.entity.js';

/**
 * What a playbook run stands at, and who may move it on. A run stores no progress of its own:
 * its state is the fold of its append-only action log over the pinned version's document, so
 * the log is the single source of truth and every view of the run agrees with the timeline.
 *
 * Everything here is pure: the service loads the run, the document, the actions and the
 * incident's role holders, and asks these functions whether an action is allowed.
 *
 * The path. A run starts in the entry module; answering a gate adds the module its option
 * leads to. The path is a tree kept in the order modules were reached: each module remembers
 * the gate answer that brought it in. Answering a gate again removes the module the earlier
 * answer brought in and everything reached from that module (and their gate answers), then
 * adds the new choice. An option leading to a module already on the path (gates may loop)
 * adds nothing. Steps keep their checks and artifacts when their module leaves the path: the
 * work was done and the timeline says so; they only stop counting towards progress.
 *
 * Who may act. A step is for the holder of its role in the incident, or the incident lead,
 * who answers for the whole response. A gate is for the incident lead, or the holder of the
 * module's deciding role: the role that most of the module's steps name, a tie going to the
 * role whose first step comes earliest, since the people doing a module's work know best where
 * it should go next. A module without steps leaves its gates to the incident lead. API tokens
 * hold no incident role, so they never act on steps or gates.
 */

/** Longest artifact label, in characters (the column's size, and a timeline evidence label's). */
export const MAX_ARTIFACT_LABEL_LENGTH = 200;

/** What an artifact URL must look like: the timeline's reader drops any other evidence link. */
const ARTIFACT_URL = /^https?:\/\/[^\s<>"]+$/i;

/** Who did something in a run, as stamped on the action. */
export interface RunActorRef {
  kind: 'USER' | 'TOKEN' | 'SYSTEM';
  /** The user's or token's database key; null for Keel itself. */
  id: string | null;
  name: string;
}

/**
 * One entry of a run's log as the fold reads it; a stored `PlaybookRunAction` has this shape.
 * For ARTIFACT_ATTACHED, `rationale` holds the note given with the artifact.
 */
export interface RunActionRecord {
  kind: RunActionKind;
  moduleId: string;
  stepId: string | null;
  gateId: string | null;
  optionId: string | null;
  rationale: string | null;
  artifactLabel: string | null;
  artifactUrl: string | null;
  actor: RunActorRef;
  createdAt: Date;
}

/** An artifact attached to a step. */
export interface ArtifactState {
  label: string;
  url: string;
  note: string | null;
  attachedBy: RunActorRef;
  attachedAt: Date;
  /** The required artifact this one provides, or null when it is extra material. */
  fulfils: string | null;
}

/** One step of a module on the path. */
export interface StepState {
  moduleId: string;
  stepId: string;
  title: string;
  detail: string;
  role: IncidentRole;
  expectedMinutes: number;
  requiredArtifacts: string[];
  checked: boolean;
  checkedBy: RunActorRef | null;
  checkedAt: Date | null;
  /** In the order they were attached. */
  artifacts: ArtifactState[];
  /** Required artifacts nothing attached provides yet; the step cannot be checked until none. */
  missingArtifacts: string[];
}

/** The answer a gate holds now. */
export interface GateAnswerState {
  optionId: string;
  optionLabel: string;
  nextModuleId: string;
  rationale: string;
  answeredBy: RunActorRef;
  answeredAt: Date;
}

/** One decision gate of a module on the path. */
export interface GateState {
  moduleId: string;
  gateId: string;
  question: string;
  options: GateOption[];
  /** Null until someone answers. */
  answer: GateAnswerState | null;
}

/** The gate answer that brought a module onto the path. */
export interface PathLink {
  moduleId: string;
  gateId: string;
  optionId: string;
}

/** A module on the run's path with its steps and gates. */
export interface ModuleState {
  moduleId: string;
  title: string;
  purpose: string;
  /** Null for the entry module. */
  reachedBy: PathLink | null;
  /** Who besides the incident lead may answer the module's gates; null when nobody. */
  deciderRole: IncidentRole | null;
  steps: StepState[];
  gates: GateState[];
}

/** Checked steps against all steps of the modules on the path. */
export interface RunProgress {
  done: number;
  total: number;
}

/** The fold of a run's log. */
export interface RunState {
  /** The entry module first, then modules in the order answers brought them in. */
  modules: ModuleState[];
  progress: RunProgress;
}

/** What the fold keeps per step while it reads the log. */
interface StepProgress {
  checked: boolean;
  checkedBy: RunActorRef | null;
  checkedAt: Date | null;
  artifacts: ArtifactState[];
}

/** Ids are slugs without "/", so joining them keys a step or gate within its module. */
function itemKey(moduleId: string, itemId: string): string {
  return `${moduleId}/${itemId}`;
}

/** The module with that id, or null. */
export function findModule(document: PlaybookDocument, moduleId: string): PlaybookModule | null {
  return document.modules.find((module) => module.id === moduleId) ?? null;
}

/** The step with that id in the module, or null. */
export function findStep(module: PlaybookModule, stepId: string): PlaybookStep | null {
  return module.steps.find((step) => step.id === stepId) ?? null;
}

/** The gate with that id in the module, or null. */
export function findGate(module: PlaybookModule, gateId: string): DecisionGate | null {
  return module.gates.find((gate) => gate.id === gateId) ?? null;
}

/** The option with that id of the gate, or null. */
export function findOption(gate: DecisionGate, optionId: string): GateOption | null {
  return gate.options.find((option) => option.id === optionId) ?? null;
}

/**
 * Labels match ignoring case and surrounding spaces, so "export of affected records" provides
 * "Export of affected records".
 */
function sameLabel(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The step's required artifacts that none of `artifacts` provides, in the document's order. */
export function missingArtifacts(
  step: PlaybookStep,
  artifacts: readonly Pick<ArtifactState, 'label'>[],
): string[] {
  return step.requiredArtifacts.filter(
    (required) => !artifacts.some((artifact) => sameLabel(artifact.label, required)),
  );
}

/**
 * The role that may answer the module's gates besides the incident lead: the one most of its
 * steps name; on a tie, the one whose first step comes earliest. Null for a module without
 * steps.
 */
export function deciderRole(module: PlaybookModule): IncidentRole | null {
  const counts = new Map<IncidentRole, number>();
  for (const step of module.steps) counts.set(step.role, (counts.get(step.role) ?? 0) + 1);

  // Map iteration follows first insertion, i.e. each role's first step, so a strict ">"
  // keeps the earliest of tied roles.
  let best: IncidentRole | null = null;
  let bestCount = 0;
  for (const [role, count] of counts) {
    if (count > bestCount) {
      best = role;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Folds a run's actions, oldest first, over its document. Actions naming things the document
 * lacks, or gates off the path, are skipped: the service never stores them, and a reader must
 * not fail on a log it did not write.
 */
export function foldRun(document: PlaybookDocument, actions: readonly RunActionRecord[]): RunState {
  const path: { moduleId: string; reachedBy: PathLink | null }[] = [
    { moduleId: document.entryModuleId, reachedBy: null },
  ];
  const answers = new Map<string, GateAnswerState>();
  const steps = new Map<string, StepProgress>();

  const onPath = (moduleId: string) => path.some((entry) => entry.moduleId === moduleId);
  const progressOf = (moduleId: string, stepId: string): StepProgress => {
    const key = itemKey(moduleId, stepId);
    let progress = steps.get(key);
    if (!progress) {
      progress = { checked: false, checkedBy: null, checkedAt: null, artifacts: [] };
      steps.set(key, progress);
    }
    return progress;
  };

  for (const action of actions) {
    const module = findModule(document, action.moduleId);
    if (!module) continue;

    if (action.kind === 'GATE_ANSWERED') {
      const gate = action.gateId === null ? null : findGate(module, action.gateId);
      const option = gate && action.optionId !== null ? findOption(gate, action.optionId) : null;
      if (!gate || !option || !onPath(module.id)) continue;

      const gateKey = itemKey(module.id, gate.id);
      if (answers.has(gateKey)) dropBranch(path, answers, module.id, gate.id);
      answers.set(gateKey, {
        optionId: option.id,
        optionLabel: option.label,
        nextModuleId: option.nextModuleId,
        rationale: action.rationale ?? '',
        answeredBy: action.actor,
        answeredAt: action.createdAt,
      });
      if (!onPath(option.nextModuleId) && findModule(document, option.nextModuleId)) {
        path.push({
          moduleId: option.nextModuleId,
          reachedBy: { moduleId: module.id, gateId: gate.id, optionId: option.id },
        });
      }
      continue;
    }

    const step = action.stepId === null ? null : findStep(module, action.stepId);
    if (!step) continue;
    const progress = progressOf(module.id, step.id);

    if (action.kind === 'STEP_CHECKED') {
      Object.assign(progress, {
        checked: true,
        checkedBy: action.actor,
        checkedAt: action.createdAt,
      });
    } else if (action.kind === 'STEP_UNCHECKED') {
      Object.assign(progress, { checked: false, checkedBy: null, checkedAt: null });
    } else if (action.artifactLabel !== null && action.artifactUrl !== null) {
      const label = action.artifactLabel;
      progress.artifacts.push({
        label,
        url: action.artifactUrl,
        note: action.rationale,
        attachedBy: action.actor,
        attachedAt: action.createdAt,
        fulfils: step.requiredArtifacts.find((required) => sameLabel(required, label)) ?? null,
      });
    }
  }

  const modules = path.flatMap(({ moduleId, reachedBy }) => {
    const module = findModule(document, moduleId);
    return module ? [moduleState(module, reachedBy, steps, answers)] : [];
  });
  const all = modules.flatMap((module) => module.steps);
  return {
    modules,
    progress: { done: all.filter((step) => step.checked).length, total: all.length },
  };
}

/**
 * Removes the module an earlier answer of the gate brought in, everything reached from it,
 * and the answers of the gates of what was removed.
 */
function dropBranch(
  path: { moduleId: string; reachedBy: PathLink | null }[],
  answers: Map<string, GateAnswerState>,
  moduleId: string,
  gateId: string,
): void {
  const removed = new Set<string>();
  for (const entry of path) {
    const link = entry.reachedBy;
    const fromThisGate = link?.moduleId === moduleId && link.gateId === gateId;
    // The path is in the order modules were reached, so a descendant always comes after the
    // module it was reached from, and one pass finds them all.
    if (fromThisGate || (link && removed.has(link.moduleId))) removed.add(entry.moduleId);
  }

  for (let index = path.length - 1; index >= 0; index -= 1) {
    if (removed.has(path[index]!.moduleId)) path.splice(index, 1);
  }
  for (const key of [...answers.keys()]) {
    if (removed.has(key.slice(0, key.indexOf('/')))) answers.delete(key);
  }
}

function moduleState(
  module: PlaybookModule,
  reachedBy: PathLink | null,
  steps: ReadonlyMap<string, StepProgress>,
  answers: ReadonlyMap<string, GateAnswerState>,
): ModuleState {
  return {
    moduleId: module.id,
    title: module.title,
    purpose: module.purpose,
    reachedBy,
    deciderRole: deciderRole(module),
    steps: module.steps.map((step): StepState => {
      const progress = steps.get(itemKey(module.id, step.id));
      const artifacts = progress?.artifacts ?? [];
      return {
        moduleId: module.id,
        stepId: step.id,
        title: step.title,
        detail: step.detail,
        role: step.role,
        expectedMinutes: step.expectedMinutes,
        requiredArtifacts: [...step.requiredArtifacts],
        checked: progress?.checked ?? false,
        checkedBy: progress?.checkedBy ?? null,
        checkedAt: progress?.checkedAt ?? null,
        artifacts: [...artifacts],
        missingArtifacts: missingArtifacts(step, artifacts),
      };
    }),
    gates: module.gates.map((gate): GateState => ({
      moduleId: module.id,
      gateId: gate.id,
      question: gate.question,
      options: gate.options.map((option) => ({ ...option })),
      answer: answers.get(itemKey(module.id, gate.id)) ?? null,
    })),
  };
}

/** The current holder of each incident role, by user key; roles nobody holds are absent. */
export type RoleHolders = Partial<Readonly<Record<IncidentRole, string>>>;

/** Who wants to act: a signed-in person, or an integration's token, which holds no role. */
export type RunParticipant = { kind: 'USER'; userId: string } | { kind: 'TOKEN' };

/** Why an action is refused: the caller may not do it, or the request does not fit the run. */
export type RunRefusal = {
  code: 'FORBIDDEN' | 'BAD_USER_INPUT';
  message: string;
  /** For FORBIDDEN: the role that would allow it (besides the incident lead). */
  neededRole?: IncidentRole;
};

/** How a role reads inside a sentence: "the technical resolver". */
function theRole(role: IncidentRole): string {
  return `the ${ROLE_LABELS[role].toLowerCase()}`;
}

/** Who may answer a gate whose module's deciding role is `role`, in words. */
function deciders(role: IncidentRole | null): string {
  return role && role !== 'INCIDENT_LEAD'
    ? `${theRole(role)} or the incident lead`
    : 'the incident lead';
}

/** The refusal messages, one factory per situation, so their wording lives in one place. */
export const runRefusals = {
  unknownModule: (moduleId: string): string => `This playbook has no module "${moduleId}".`,
  unknownStep: (module: PlaybookModule, stepId: string): string =>
    `Module "${module.title}" has no step "${stepId}".`,
  unknownGate: (module: PlaybookModule, gateId: string): string =>
    `Module "${module.title}" has no decision gate "${gateId}".`,
  unknownOption: (gate: DecisionGate, optionId: string): string =>
    `"${gate.question}" has no option "${optionId}"; ` +
    `choose one of ${gate.options.map((option) => `"${option.id}"`).join(', ')}.`,
  offPath: (module: PlaybookModule): string =>
    `Module "${module.title}" is not on this run's path: ` +
    'no decision so far leads to it, so its steps and gates wait.',
  alreadyChecked: (step: PlaybookStep, by: RunActorRef | null): string =>
    `"${step.title}" is already checked off${by ? `, by ${by.name}` : ''}.`,
  notChecked: (step: PlaybookStep): string => `"${step.title}" is not checked off.`,
  artifactsMissing: (step: PlaybookStep, missing: readonly string[]): string =>
    `Attach ${missing.map((label) => `"${label}"`).join(' and ')} before checking off ` +
    `"${step.title}".`,
  sameAnswer: (gate: DecisionGate, option: GateOption): string =>
    `"${gate.question}" is already answered with "${option.label}".`,
  tokenOnStep: (step: PlaybookStep): string =>
    `"${step.title}" is for ${theRole(step.role)} or the incident lead; ` +
    'API tokens hold no incident role.',
  notStepHolder: (step: PlaybookStep, holders: RoleHolders): string =>
    `"${step.title}" is for ${theRole(step.role)} or the incident lead, and you are neither` +
    (holders[step.role] ? '.' : `; nobody is ${theRole(step.role)} yet.`),
  tokenOnGate: (gate: DecisionGate, role: IncidentRole | null): string =>
    `"${gate.question}" is for ${deciders(role)}; API tokens hold no incident role.`,
  notDecider: (gate: DecisionGate, role: IncidentRole | null): string =>
    `Only ${deciders(role)} can answer "${gate.question}".`,
};

/** Whether the participant holds `role` in the incident, or leads it. */
function holdsOrLeads(actor: RunParticipant, role: IncidentRole | null, holders: RoleHolders) {
  if (actor.kind !== 'USER') return false;
  if (holders.INCIDENT_LEAD === actor.userId) return true;
  return role !== null && holders[role] === actor.userId;
}

/** Refuses anyone but the holder of the step's role and the incident lead; null to allow. */
export function stepActorRefusal(
  step: PlaybookStep,
  actor: RunParticipant,
  holders: RoleHolders,
): RunRefusal | null {
  if (holdsOrLeads(actor, step.role, holders)) return null;
  const message =
    actor.kind === 'TOKEN'
      ? runRefusals.tokenOnStep(step)
      : runRefusals.notStepHolder(step, holders);
  return { code: 'FORBIDDEN', message, neededRole: step.role };
}

/** Refuses anyone but the incident lead and the module's deciding role; null to allow. */
export function gateActorRefusal(
  module: PlaybookModule,
  gate: DecisionGate,
  actor: RunParticipant,
  holders: RoleHolders,
): RunRefusal | null {
  const role = deciderRole(module);
  if (holdsOrLeads(actor, role, holders)) return null;
  const message =
    actor.kind === 'TOKEN'
      ? runRefusals.tokenOnGate(gate, role)
      : runRefusals.notDecider(gate, role);
  return { code: 'FORBIDDEN', message, neededRole: role ?? 'INCIDENT_LEAD' };
}

/** The module's state when it is on the path, or null. */
export function moduleOnPath(state: RunState, moduleId: string): ModuleState | null {
  return state.modules.find((module) => module.moduleId === moduleId) ?? null;
}

/** Problems with an artifact's label, URL and note, as sentences; empty when acceptable. */
export function artifactInputProblems(input: {
  label: string;
  url: string;
  note?: string | null;
}): string[] {
  const problems = [
    checkText(input.label.trim(), {
      field: 'Label',
      max: MAX_ARTIFACT_LABEL_LENGTH,
      required: true,
    }),
    urlProblem(input.url.trim()),
    checkText(input.note?.trim(), { field: 'Note', max: MAX_NOTE_LENGTH }),
  ];
  return problems.filter((problem): problem is string => problem !== null);
}

function urlProblem(url: string): string | null {
  if (url.length === 0) return 'URL is required.';
  if (url.length > MAX_URL_LENGTH) {
    return `URL must be at most ${MAX_URL_LENGTH} characters (it has ${url.length}).`;
  }
  if (!ARTIFACT_URL.test(url) || !URL.canParse(url)) return 'URL must be an http or https link.';
  return null;
}

/** The problem with a gate answer's rationale, or null: it is required, up to a note's length. */
export function rationaleProblem(rationale: string): string | null {
  return checkText(rationale.trim(), { field: 'Rationale', max: MAX_NOTE_LENGTH, required: true });
}

/** What every judgement of an action on a run is given. */
export interface RunContext {
  document: PlaybookDocument;
  state: RunState;
  actor: RunParticipant;
  holders: RoleHolders;
}

/** A step or gate found in the document, with its module. */
interface Found<T> {
  module: PlaybookModule;
  item: T;
}

function badInput(message: string): RunRefusal {
  return { code: 'BAD_USER_INPUT', message };
}

function isRefusal<T>(value: Found<T> | RunRefusal): value is RunRefusal {
  return 'code' in value;
}

function locateStep(
  document: PlaybookDocument,
  moduleId: string,
  stepId: string,
): Found<PlaybookStep> | RunRefusal {
  const module = findModule(document, moduleId);
  if (!module) return badInput(runRefusals.unknownModule(moduleId));
  const step = findStep(module, stepId);
  return step ? { module, item: step } : badInput(runRefusals.unknownStep(module, stepId));
}

function locateGate(
  document: PlaybookDocument,
  moduleId: string,
  gateId: string,
): Found<DecisionGate> | RunRefusal {
  const module = findModule(document, moduleId);
  if (!module) return badInput(runRefusals.unknownModule(moduleId));
  const gate = findGate(module, gateId);
  return gate ? { module, item: gate } : badInput(runRefusals.unknownGate(module, gateId));
}

/**
 * Judges checking (or unchecking) a step: it must exist, the actor must hold its role or lead
 * the incident, its module must be on the path, and checking needs every required artifact.
 * Null when allowed.
 */
export function judgeStepCheck(
  context: RunContext,
  target: { moduleId: string; stepId: string; checked: boolean },
): RunRefusal | null {
  const located = locateStep(context.document, target.moduleId, target.stepId);
  if (isRefusal(located)) return located;
  const { module, item: step } = located;

  const forbidden = stepActorRefusal(step, context.actor, context.holders);
  if (forbidden) return forbidden;

  const current = moduleOnPath(context.state, module.id)?.steps.find((s) => s.stepId === step.id);
  if (!current) return badInput(runRefusals.offPath(module));

  if (!target.checked) return current.checked ? null : badInput(runRefusals.notChecked(step));
  if (current.checked) return badInput(runRefusals.alreadyChecked(step, current.checkedBy));
  if (current.missingArtifacts.length > 0) {
    return badInput(runRefusals.artifactsMissing(step, current.missingArtifacts));
  }
  return null;
}

/**
 * Judges attaching an artifact to a step: acceptable label, URL and note, a step that exists,
 * an actor who holds its role or leads the incident, and a module on the path. Null when
 * allowed.
 */
export function judgeArtifact(
  context: RunContext,
  target: { moduleId: string; stepId: string; label: string; url: string; note?: string | null },
): RunRefusal | null {
  const problems = artifactInputProblems(target);
  if (problems.length > 0) return badInput(problems.join(' '));

  const located = locateStep(context.document, target.moduleId, target.stepId);
  if (isRefusal(located)) return located;

  const forbidden = stepActorRefusal(located.item, context.actor, context.holders);
  if (forbidden) return forbidden;

  if (!moduleOnPath(context.state, located.module.id)) {
    return badInput(runRefusals.offPath(located.module));
  }
  return null;
}

/**
 * Judges answering a gate: a rationale, a gate and option that exist, an actor who may decide
 * it, a module on the path, and an option other than the one already chosen. Null when
 * allowed.
 */
export function judgeGateAnswer(
  context: RunContext,
  target: { moduleId: string; gateId: string; optionId: string; rationale: string },
): RunRefusal | null {
  const problem = rationaleProblem(target.rationale);
  if (problem) return badInput(problem);

  const located = locateGate(context.document, target.moduleId, target.gateId);
  if (isRefusal(located)) return located;
  const { module, item: gate } = located;

  const option = findOption(gate, target.optionId);
  if (!option) return badInput(runRefusals.unknownOption(gate, target.optionId));

  const forbidden = gateActorRefusal(module, gate, context.actor, context.holders);
  if (forbidden) return forbidden;

  const current = moduleOnPath(context.state, module.id)?.gates.find((g) => g.gateId === gate.id);
  if (!current) return badInput(runRefusals.offPath(module));
  if (current.answer?.optionId === option.id) {
    return badInput(runRefusals.sameAnswer(gate, option));
  }
  return null;
}

/** What {@link attachWarnings} needs to know about the playbook and the version attached. */
export interface AttachWarningInput {
  status: 'ACTIVE' | 'DEPRECATED';
  /** The replacement's title, when a deprecated playbook names one. */
  replacementTitle: string | null;
  currentVersionNumber: number;
  lastReviewedAt: Date;
  versionNumber: number;
  /** The attached version's `reviewIntervalDays`. */
  reviewIntervalDays: number;
  now: Date;
}

/**
 * What is wrong with attaching this version, as sentences stored on the run: a deprecated
 * playbook (naming its replacement), a newer version, an overdue review. Attaching still
 * succeeds; responders mid-incident decide whether an imperfect procedure beats none.
 */
export function attachWarnings(input: AttachWarningInput): string[] {
  const warnings: string[] = [];

  if (input.status === 'DEPRECATED') {
    warnings.push(
      input.replacementTitle
        ? `This playbook is deprecated; use "${input.replacementTitle}" instead.`
        : 'This playbook is deprecated and names no replacement.',
    );
  }

  if (input.versionNumber < input.currentVersionNumber) {
    warnings.push(
      `Version ${input.versionNumber} is not the newest: ` +
        `version ${input.currentVersionNumber} has been published since.`,
    );
  }

  const review = playbookReviewState({
    lastReviewedAt: input.lastReviewedAt,
    reviewIntervalDays: input.reviewIntervalDays,
    now: input.now,
  });
  if (review.state === 'OVERDUE') {
    const days = review.daysOverdue === 1 ? '1 day' : `${review.daysOverdue} days`;
    warnings.push(
      `The playbook's review is overdue: it was due on ${review.dueAt.toISOString().slice(0, 10)}` +
        (review.daysOverdue > 0 ? ` (${days} ago).` : '.'),
    );
  }
  return warnings;
}
