/**
 * The war room's playbook runs: what its load adds, and the form actions of the run panel.
 * Kept here so the war room's own files only compose them.
 */
import { error } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { MAX_NOTE_LENGTH, checkText } from '@keel/domain';
import {
  AnswerDecisionGateMutation,
  AttachPlaybookArtifactMutation,
  AttachPlaybookMutation,
  CheckPlaybookStepMutation,
  IncidentRunsQuery,
  PlaybookRunQuery,
} from '$lib/graphql/operations/governance';
import { callApi, type ApiEvent } from '$lib/server/api';
import {
  done,
  failAction,
  failLoad,
  foundProblems,
  invalidForm,
  textField,
  type TypedValues,
} from '$lib/server/outcomes';

/** Longest artifact label and link the API accepts, in characters. */
const MAX_ARTIFACT_LABEL = 200;
const MAX_URL = 2048;

/** Loads the runs attached to incident `incidentId` and the playbooks that could be. */
export async function loadRunPanel(event: ApiEvent, incidentId: string) {
  const data = await callApi(event, IncidentRunsQuery, { id: incidentId }).catch((cause: unknown) =>
    failLoad(cause, event.url),
  );

  if (!data.incident) {
    error(404, { message: 'There is no such incident in your organisation.', code: 'NOT_FOUND' });
  }

  // One query per run: together they would cost more than the API allows one operation.
  const runs = await Promise.all(
    data.incident.playbookRuns.map(async ({ id }) => {
      const { node } = await callApi(event, PlaybookRunQuery, { id }).catch((cause: unknown) =>
        failLoad(cause, event.url),
      );
      return node?.__typename === 'PlaybookRun' ? node : null;
    }),
  );

  return {
    runs: runs.filter((run) => run !== null),
    suggestedIds: data.incident.suggestedPlaybooks.map((playbook) => playbook.id),
    playbooks: data.playbooks,
  };
}

/** The form names of the run panel, so outcomes show beside the form that caused them. */
export const RUN_FORMS = {
  attach: 'run-attach',
  step: (runId: string, moduleId: string, stepId: string) =>
    `run-step:${runId}:${moduleId}:${stepId}`,
  artifact: (runId: string, moduleId: string, stepId: string) =>
    `run-artifact:${runId}:${moduleId}:${stepId}`,
  gate: (runId: string, moduleId: string, gateId: string) =>
    `run-gate:${runId}:${moduleId}:${gateId}`,
} as const;

async function write(
  event: ApiEvent,
  form: string,
  run: () => Promise<unknown>,
  kept: TypedValues = {},
) {
  try {
    await run();
    return done(form);
  } catch (cause) {
    return failAction(cause, form, event.url, kept);
  }
}

/** The ids every run form carries. */
function target(data: FormData) {
  return {
    runId: textField(data, 'runId'),
    moduleId: textField(data, 'moduleId'),
    stepId: textField(data, 'stepId'),
  };
}

/** The run panel's form actions, spread into the war room's `actions`. */
export const runActions = {
  attachPlaybook: async (event: RequestEvent<{ id: string }>) => {
    const playbookVersionId = textField(await event.request.formData(), 'playbookVersionId');

    if (playbookVersionId === '') {
      return invalidForm(RUN_FORMS.attach, { playbookVersionId: 'Choose a playbook.' });
    }

    return write(event, RUN_FORMS.attach, () =>
      callApi(event, AttachPlaybookMutation, {
        input: { incidentId: event.params.id, playbookVersionId },
      }),
    );
  },

  checkPlaybookStep: async (event: RequestEvent) => {
    const data = await event.request.formData();
    const { runId, moduleId, stepId } = target(data);

    return write(event, RUN_FORMS.step(runId, moduleId, stepId), () =>
      callApi(event, CheckPlaybookStepMutation, {
        input: { runId, moduleId, stepId, checked: textField(data, 'checked') !== 'false' },
      }),
    );
  },

  attachPlaybookArtifact: async (event: RequestEvent) => {
    const data = await event.request.formData();
    const { runId, moduleId, stepId } = target(data);
    const form = RUN_FORMS.artifact(runId, moduleId, stepId);
    const label = textField(data, 'label');
    const url = textField(data, 'url');
    const note = textField(data, 'note');
    const kept = { label, url, note };
    const fields = foundProblems({
      label: checkText(label, { field: 'What it is', max: MAX_ARTIFACT_LABEL, required: true }),
      url: /^https?:\/\/\S+$/i.test(url)
        ? checkText(url, { field: 'Link', max: MAX_URL })
        : 'Give a link starting with http:// or https://.',
      note: checkText(note, { field: 'Note', max: MAX_NOTE_LENGTH }),
    });

    if (Object.keys(fields).length > 0) return invalidForm(form, fields, kept);

    return write(
      event,
      form,
      () =>
        callApi(event, AttachPlaybookArtifactMutation, {
          input: { runId, moduleId, stepId, label, url, note: note === '' ? null : note },
        }),
      kept,
    );
  },

  answerDecisionGate: async (event: RequestEvent) => {
    const data = await event.request.formData();
    const runId = textField(data, 'runId');
    const moduleId = textField(data, 'moduleId');
    const gateId = textField(data, 'gateId');
    const optionId = textField(data, 'optionId');
    const rationale = textField(data, 'rationale');
    const form = RUN_FORMS.gate(runId, moduleId, gateId);
    const kept = { rationale, optionId };
    const fields = foundProblems({
      optionId: optionId === '' ? 'Choose an answer.' : null,
      rationale: checkText(rationale, {
        field: 'The rationale',
        max: MAX_NOTE_LENGTH,
        required: true,
      }),
    });

    if (Object.keys(fields).length > 0) return invalidForm(form, fields, kept);

    return write(
      event,
      form,
      () =>
        callApi(event, AnswerDecisionGateMutation, {
          input: { runId, moduleId, gateId, optionId, rationale },
        }),
      kept,
    );
  },
};
