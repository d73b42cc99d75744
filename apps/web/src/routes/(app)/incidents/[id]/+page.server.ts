import { error } from '@sveltejs/kit';
import {
  INCIDENT_ROLES,
  INCIDENT_STATUSES,
  MAX_NOTE_LENGTH,
  MAX_SUMMARY_LENGTH,
  PRIORITIES,
  SEVERITIES,
  checkText,
} from '@keel/domain';
import {
  AssignIncidentRoleMutation,
  SetImpactScopeMutation,
  TransitionIncidentMutation,
  UpdateIncidentMutation,
  ValidateImpactScopeMutation,
  WarRoomQuery,
} from '$lib/graphql/operations/incidents';
import { loadRunPanel, runActions } from '$lib/governance/runs.server';
import { callApi, type ApiEvent } from '$lib/server/api';
import {
  choiceField,
  done,
  failAction,
  failLoad,
  foundProblems,
  intField,
  invalidForm,
  textField,
  type TypedValues,
} from '$lib/server/outcomes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  // Live updates re-run this load by invalidating the key.
  event.depends('keel:incident');

  const data = await callApi(event, WarRoomQuery, { id: event.params.id }).catch((cause: unknown) =>
    failLoad(cause, event.url),
  );

  if (!data.incident) {
    error(404, { message: 'There is no such incident in your organisation.', code: 'NOT_FOUND' });
  }

  return {
    incident: data.incident,
    // Only responders and admins can hold a role; the API refuses viewers.
    responders: data.members
      .filter((member) => member.role !== 'VIEWER')
      .map((member) => member.user)
      .sort((a, b) => a.name.localeCompare(b.name)),
    runPanel: await loadRunPanel(event, event.params.id),
  };
};

/**
 * What every write here needs: the incident, and the version the form was loaded at, which the
 * API compares with the current one so that nobody overwrites a change they have not seen.
 */
async function readWrite(event: RequestEvent) {
  const data = await event.request.formData();
  return { data, incidentId: event.params.id, expectedVersion: intField(data, 'expectedVersion') };
}

/** Runs one write and turns its refusal into the failure of the form `form`. */
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

const missingVersion = (form: string) =>
  invalidForm(form, { expectedVersion: 'Reload the page: the form lost its version.' });

export const actions: Actions = {
  ...runActions,

  transition: async (event) => {
    const { data, incidentId, expectedVersion } = await readWrite(event);
    const to = choiceField(data, 'to', INCIDENT_STATUSES);
    const note = textField(data, 'note');
    const fields = foundProblems({
      to: to ? null : 'Choose a status.',
      note: checkText(note, { field: 'Note', max: MAX_NOTE_LENGTH }),
    });

    if (expectedVersion === null) return missingVersion('transition');
    if (!to || Object.keys(fields).length > 0) return invalidForm('transition', fields, { note });

    return write(
      event,
      'transition',
      () =>
        callApi(event, TransitionIncidentMutation, {
          input: { incidentId, expectedVersion, to, note: note === '' ? null : note },
        }),
      { note },
    );
  },

  assignRole: async (event) => {
    const { data, incidentId, expectedVersion } = await readWrite(event);
    const role = choiceField(data, 'role', INCIDENT_ROLES);
    const userId = textField(data, 'userId');
    const handoffNote = textField(data, 'handoffNote');
    const kept = { role, userId, handoffNote };

    if (!role) return invalidForm('role', { role: 'Choose a role.' }, kept);
    if (expectedVersion === null) return missingVersion(`role-${role}`);

    const problem = checkText(handoffNote, { field: 'Handoff note', max: MAX_NOTE_LENGTH });
    if (problem) return invalidForm(`role-${role}`, { handoffNote: problem }, kept);

    return write(
      event,
      `role-${role}`,
      () =>
        callApi(event, AssignIncidentRoleMutation, {
          input: {
            incidentId,
            expectedVersion,
            role,
            userId: userId === '' ? null : userId,
            handoffNote: handoffNote === '' ? null : handoffNote,
          },
        }),
      kept,
    );
  },

  setScope: async (event) => {
    const { data, incidentId, expectedVersion } = await readWrite(event);
    const description = textField(data, 'description');
    const fields = foundProblems({
      description: checkText(description, {
        field: 'Impact scope',
        max: MAX_SUMMARY_LENGTH,
        required: true,
      }),
    });

    if (expectedVersion === null) return missingVersion('scope');
    if (Object.keys(fields).length > 0) return invalidForm('scope', fields, { description });

    return write(
      event,
      'scope',
      () =>
        callApi(event, SetImpactScopeMutation, {
          input: { incidentId, expectedVersion, description },
        }),
      { description },
    );
  },

  validateScope: async (event) => {
    const { incidentId, expectedVersion } = await readWrite(event);

    if (expectedVersion === null) return missingVersion('scope');

    return write(event, 'scope', () =>
      callApi(event, ValidateImpactScopeMutation, { input: { incidentId, expectedVersion } }),
    );
  },

  classify: async (event) => {
    const { data, incidentId, expectedVersion } = await readWrite(event);
    const severity = choiceField(data, 'severity', SEVERITIES);
    const priority = choiceField(data, 'priority', PRIORITIES);

    if (expectedVersion === null) return missingVersion('classify');
    if (!severity) return invalidForm('classify', { severity: 'Choose a severity.' });

    return write(event, 'classify', () =>
      callApi(event, UpdateIncidentMutation, {
        input: { incidentId, expectedVersion, severity, ...(priority && { priority }) },
      }),
    );
  },
};
