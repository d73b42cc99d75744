import { error, redirect } from '@sveltejs/kit';
import { MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, checkText } from '@keel/domain';
import {
  MarkPlaybookReviewedMutation,
  OpenChangeRequestMutation,
  PlaybookQuery,
} from '$lib/graphql/operations/governance';
import { callApi } from '$lib/server/api';
import {
  done,
  failAction,
  failLoad,
  foundProblems,
  invalidForm,
  textField,
} from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const data = await callApi(event, PlaybookQuery, { id: event.params.id }).catch(
    (cause: unknown) => failLoad(cause, event.url),
  );

  if (!data.playbook) {
    error(404, { message: 'There is no such playbook in your organisation.', code: 'NOT_FOUND' });
  }

  const requested = Number(event.url.searchParams.get('version'));
  const shown =
    data.playbook.versions.find((version) => version.number === requested) ??
    data.playbook.versions.find(
      (version) => version.number === data.playbook?.currentVersionNumber,
    ) ??
    data.playbook.versions[0];

  if (!shown) {
    error(500, { message: 'This playbook has no version to show.', code: 'INTERNAL_SERVER_ERROR' });
  }

  const { viewer } = await event.parent();

  return {
    playbook: data.playbook,
    shown,
    teams: data.teams,
    replacements: data.playbooks.filter((playbook) => playbook.id !== data.playbook?.id),
    /** The owner team and admins may confirm a review. */
    canConfirmReview:
      viewer.role === 'ADMIN' ||
      data.playbook.ownerTeam.members.some((member) => member.id === viewer.id),
  };
};

export const actions: Actions = {
  markReviewed: async (event) => {
    try {
      await callApi(event, MarkPlaybookReviewedMutation, { id: event.params.id });
      return done('review');
    } catch (cause) {
      return failAction(cause, 'review', event.url);
    }
  },

  deprecate: async (event) => {
    const data = await event.request.formData();
    const title = textField(data, 'title');
    const description = textField(data, 'description');
    const replacementPlaybookId = textField(data, 'replacementPlaybookId');
    const kept = { title, description, replacementPlaybookId };
    const fields = foundProblems({
      title: checkText(title, { field: 'Title', max: MAX_TITLE_LENGTH, required: true }),
      description: checkText(description, { field: 'Reason', max: MAX_SUMMARY_LENGTH }),
    });

    if (Object.keys(fields).length > 0) return invalidForm('deprecate', fields, kept);

    let id: string;

    try {
      const result = await callApi(event, OpenChangeRequestMutation, {
        input: {
          kind: 'DEPRECATION',
          playbookId: event.params.id,
          title,
          description,
          replacementPlaybookId: replacementPlaybookId === '' ? null : replacementPlaybookId,
        },
      });
      id = result.openChangeRequest.id;
    } catch (cause) {
      return failAction(cause, 'deprecate', event.url, kept);
    }

    redirect(303, `/change-requests/${id}`);
  },
};
