import { error } from '@sveltejs/kit';
import {
  PostmortemPageQuery,
  PostmortemVersionQuery,
  RestorePostmortemVersionMutation,
  SavePostmortemVersionMutation,
} from '$lib/graphql/operations/postmortem';
import { callApi, type ApiEvent } from '$lib/server/api';
import {
  done,
  failAction,
  failLoad,
  intField,
  invalidForm,
  textField,
  type TypedValues,
} from '$lib/server/outcomes';
import { versionNameProblem, versionOf } from './postmortem-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // Saving or restoring a version, and opening the pinned entries, re-run this load.
  event.depends('keel:postmortem');

  const versionId = event.url.searchParams.get('version');
  const [page, opened] = await Promise.all([
    callApi(event, PostmortemPageQuery, { id: event.params.id }),
    versionId ? callApi(event, PostmortemVersionQuery, { id: versionId }) : null,
  ]).catch((cause: unknown) => failLoad(cause, event.url));

  if (!page.incident) {
    error(404, { message: 'There is no such incident in your organisation.', code: 'NOT_FOUND' });
  }

  const { id, reference, title, postmortemVersions, timeline } = page.incident;
  const version = opened ? versionOf(opened.node) : null;
  if (versionId && version?.incidentId !== id) {
    error(404, { message: 'This incident has no such postmortem version.', code: 'NOT_FOUND' });
  }

  return {
    incident: { id, reference, title },
    versions: postmortemVersions,
    pinned: timeline.nodes,
    viewing: version,
  };
};

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

export const actions: Actions = {
  saveVersion: async (event) => {
    const data = await event.request.formData();
    const name = textField(data, 'name');
    const problem = versionNameProblem(name);

    if (problem) return invalidForm('saveVersion', { name: problem }, { name });

    return write(
      event,
      'saveVersion',
      () =>
        callApi(event, SavePostmortemVersionMutation, {
          input: { incidentId: event.params.id, name },
        }),
      { name },
    );
  },

  restoreVersion: async (event) => {
    const data = await event.request.formData();
    const versionId = textField(data, 'versionId');
    const expectedVersion = intField(data, 'expectedVersion');

    if (versionId === '') {
      return invalidForm('restoreVersion', { versionId: 'Choose a version to restore.' });
    }

    return write(event, 'restoreVersion', () =>
      callApi(event, RestorePostmortemVersionMutation, {
        input: { versionId, expectedVersion },
      }),
    );
  },
};
