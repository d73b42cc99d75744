/**
 * The rules the war room's run panel applies before offering an action, mirroring the API's:
 * a step is checked by the holder of its role or the incident lead, once its artifacts are
 * attached; a gate is answered by the incident lead or the holder of the module's decider role.
 * The API judges again; these only explain, beside a disabled control, why it is disabled.
 */
import { ROLE_LABELS, type IncidentRole, type PlaybookDocument } from '@keel/domain';
import type { IncidentRunsQuery, PlaybookRunQuery } from '$lib/graphql/generated/graphql';

/** A run as the API sends it: the state's facts without the document's words. */
export type RawRun = Extract<NonNullable<PlaybookRunQuery['node']>, { __typename: 'PlaybookRun' }>;

/** Evidence attached to a step. */
export interface RunArtifact {
  label: string;
  url: string;
  attachedAt: string;
  attachedBy: string;
}

/** One step of a module on the run's path, with what the document says about it. */
export interface RunStep {
  moduleId: string;
  stepId: string;
  title: string;
  detail: string;
  role: IncidentRole;
  expectedMinutes: number;
  requiredArtifacts: string[];
  missingArtifacts: string[];
  checked: boolean;
  checkedAt: string | null;
  checkedBy: string | null;
  artifacts: RunArtifact[];
}

/** One gate of a module on the path, with its question and options. */
export interface RunGate {
  moduleId: string;
  gateId: string;
  question: string;
  options: { id: string; label: string; nextModuleId: string }[];
  answer: {
    optionId: string;
    optionLabel: string;
    nextModuleId: string;
    rationale: string;
    answeredAt: string;
    answeredBy: string;
  } | null;
}

/** One module on the run's path. */
export interface RunModule {
  moduleId: string;
  title: string;
  purpose: string;
  deciderRole: IncidentRole | null;
  /** The module whose gate answer led here; null for the entry module. */
  reachedFrom: string | null;
  steps: RunStep[];
  gates: RunGate[];
}

/** A run as the panel shows it. */
export interface RunView {
  id: string;
  createdAt: string;
  warnings: string[];
  attachedBy: string;
  playbook: { id: string; title: string };
  versionNumber: number;
  progress: { done: number; total: number };
  modules: RunModule[];
  /** Every module's title by id, including those off the path, for where options lead. */
  titles: Map<string, string>;
}

/**
 * Joins a run's state with the words of its pinned document and the evidence in its actions.
 * The server only pins validated versions, so the document's shape holds; a module, step or
 * gate the document lacks (which would be a server bug) keeps its id as its title.
 */
export function runView(run: RawRun): RunView {
  const document = run.playbookVersion.document as unknown as PlaybookDocument;
  const modules = new Map(document.modules.map((module) => [module.id, module]));
  const evidence = new Map<string, RunArtifact[]>();

  for (const action of run.actions) {
    if (action.kind !== 'ARTIFACT_ATTACHED' || !action.artifactUrl) continue;

    const key = `${action.moduleId}/${action.stepId ?? ''}`;
    const list = evidence.get(key) ?? [];
    list.push({
      label: action.artifactLabel ?? action.artifactUrl,
      url: action.artifactUrl,
      attachedAt: action.createdAt,
      attachedBy: action.actor.name,
    });
    evidence.set(key, list);
  }

  return {
    id: run.id,
    createdAt: run.createdAt,
    warnings: run.warnings,
    attachedBy: run.attachedBy.name,
    playbook: run.playbook,
    versionNumber: run.playbookVersion.number,
    progress: run.state.progress,
    titles: new Map(document.modules.map((module) => [module.id, module.title])),
    modules: run.state.modules.map((state) => {
      const module = modules.get(state.moduleId);
      const steps = new Map(module?.steps.map((step) => [step.id, step]));
      const gates = new Map(module?.gates.map((gate) => [gate.id, gate]));

      return {
        moduleId: state.moduleId,
        title: module?.title ?? state.moduleId,
        purpose: module?.purpose ?? '',
        deciderRole: state.deciderRole ?? null,
        reachedFrom: state.reachedBy?.moduleId ?? null,
        steps: state.steps.map((step) => {
          const written = steps.get(step.stepId);
          return {
            moduleId: state.moduleId,
            stepId: step.stepId,
            title: written?.title ?? step.stepId,
            detail: written?.detail ?? '',
            role: written?.role ?? 'INCIDENT_LEAD',
            expectedMinutes: written?.expectedMinutes ?? 0,
            requiredArtifacts: written?.requiredArtifacts ?? [],
            missingArtifacts: step.missingArtifacts,
            checked: step.checked,
            checkedAt: step.checkedAt ?? null,
            checkedBy: step.checkedBy?.name ?? null,
            artifacts: evidence.get(`${state.moduleId}/${step.stepId}`) ?? [],
          };
        }),
        gates: state.gates.map((gate) => {
          const written = gates.get(gate.gateId);
          return {
            moduleId: state.moduleId,
            gateId: gate.gateId,
            question: written?.question ?? gate.gateId,
            options: written?.options ?? [],
            answer: gate.answer
              ? { ...gate.answer, answeredBy: gate.answer.answeredBy.name }
              : null,
          };
        }),
      };
    }),
  };
}

/** Why the viewer may not check `step` off (or uncheck it); null when they may. */
export function stepBlocker(step: RunStep, myRoles: ReadonlySet<IncidentRole>): string | null {
  if (!myRoles.has(step.role) && !myRoles.has('INCIDENT_LEAD')) {
    const role = ROLE_LABELS[step.role].toLowerCase();
    return `Only the ${role} or the incident lead checks this step.`;
  }

  if (!step.checked && step.missingArtifacts.length > 0) {
    return `Attach first: ${step.missingArtifacts.join('; ')}.`;
  }

  return null;
}

/** Why the viewer may not attach evidence to `step`; null when they may. */
export function artifactBlocker(step: RunStep, myRoles: ReadonlySet<IncidentRole>): string | null {
  if (!myRoles.has(step.role) && !myRoles.has('INCIDENT_LEAD')) {
    return `Only the ${ROLE_LABELS[step.role].toLowerCase()} or the incident lead attaches here.`;
  }

  return null;
}

/** Why the viewer may not answer the gates of `module`; null when they may. */
export function gateBlocker(module: RunModule, myRoles: ReadonlySet<IncidentRole>): string | null {
  if (myRoles.has('INCIDENT_LEAD')) return null;
  if (module.deciderRole && myRoles.has(module.deciderRole)) return null;

  return module.deciderRole
    ? `Only the incident lead or the ${ROLE_LABELS[module.deciderRole].toLowerCase()} decides here.`
    : 'Only the incident lead decides here.';
}

/** A playbook as the attach form lists it. */
export type AttachablePlaybook = IncidentRunsQuery['playbooks'][number];

/** What attaching `playbook` would warn about, before attaching it. */
export function attachPreview(playbook: AttachablePlaybook): string[] {
  const warnings: string[] = [];

  if (playbook.status === 'DEPRECATED') {
    warnings.push(
      playbook.replacedBy
        ? `Deprecated: “${playbook.replacedBy.title}” replaces it.`
        : 'Deprecated, with no replacement named.',
    );
  }

  if (playbook.review.state === 'OVERDUE') {
    warnings.push('Its periodic review is overdue: check it still fits.');
  }

  return warnings;
}

/**
 * The playbooks to offer for attaching: suggested ones first (in the API's order), then the
 * other active ones, then deprecated ones; none already attached.
 */
export function attachChoices(
  playbooks: readonly AttachablePlaybook[],
  suggestedIds: readonly string[],
  attachedIds: ReadonlySet<string>,
): { suggested: AttachablePlaybook[]; others: AttachablePlaybook[] } {
  const open = playbooks.filter((playbook) => !attachedIds.has(playbook.id));
  const byId = new Map(open.map((playbook) => [playbook.id, playbook]));
  const suggested = suggestedIds.flatMap((id) => {
    const playbook = byId.get(id);
    return playbook ? [playbook] : [];
  });
  const others = open
    .filter((playbook) => !suggestedIds.includes(playbook.id))
    .sort((a, b) => Number(a.status === 'DEPRECATED') - Number(b.status === 'DEPRECATED'));

  return { suggested, others };
}
