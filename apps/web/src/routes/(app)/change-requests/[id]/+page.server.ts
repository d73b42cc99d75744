import { error } from '@sveltejs/kit';
import { MAX_NOTE_LENGTH, checkText } from '@keel/domain';
import {
  ChangeRequestQuery,
  CommentOnChangeRequestMutation,
  MergeChangeRequestMutation,
  RejectChangeRequestMutation,
  RequestReviewersMutation,
  ResolveReviewThreadMutation,
  ReviewChangeRequestMutation,
  SubmitChangeRequestMutation,
  UpdateChangeRequestBaseMutation,
  WithdrawChangeRequestMutation,
} from '$lib/graphql/operations/governance';
import { callApi, type ApiEvent } from '$lib/server/api';
import {
  choiceField,
  done,
  failAction,
  failLoad,
  intField,
  invalidForm,
  textField,
  type TypedValues,
} from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

/** The verdicts a review form may send. */
const VERDICTS = ['APPROVE', 'REQUEST_CHANGES', 'COMMENT'] as const;

export const load: PageServerLoad = async (event) => {
  event.depends('keel:change-request');

  const data = await callApi(event, ChangeRequestQuery, { id: event.params.id }).catch(
    (cause: unknown) => failLoad(cause, event.url),
  );

  if (!data.changeRequest) {
    error(404, {
      message: 'There is no such change request in your organisation.',
      code: 'NOT_FOUND',
    });
  }

  return {
    changeRequest: data.changeRequest,
    people: data.members
      .map((member) => ({ ...member.user, role: member.role }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    teams: data.teams,
    /** The approval policy in force, as JSON, to say who may approve. */
    policy: data.approvalPolicy.document,
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

/** A note's problem, or null; `required` for a reason that must be given. */
function noteProblem(text: string, field: string, required = false): string | null {
  return checkText(text, { field, max: MAX_NOTE_LENGTH, required });
}

export const actions: Actions = {
  submit: (event) =>
    write(event, 'state', () =>
      callApi(event, SubmitChangeRequestMutation, { id: event.params.id }),
    ),

  withdraw: async (event) => {
    const reason = textField(await event.request.formData(), 'reason');
    const problem = noteProblem(reason, 'Reason');
    if (problem) return invalidForm('withdraw', { reason: problem }, { reason });

    return write(
      event,
      'withdraw',
      () =>
        callApi(event, WithdrawChangeRequestMutation, {
          id: event.params.id,
          reason: reason === '' ? null : reason,
        }),
      { reason },
    );
  },

  reject: async (event) => {
    const reason = textField(await event.request.formData(), 'reason');
    const problem = noteProblem(reason, 'Reason', true);
    if (problem) return invalidForm('reject', { reason: problem }, { reason });

    return write(
      event,
      'reject',
      () => callApi(event, RejectChangeRequestMutation, { id: event.params.id, reason }),
      { reason },
    );
  },

  updateBase: (event) =>
    write(event, 'base', () =>
      callApi(event, UpdateChangeRequestBaseMutation, { id: event.params.id }),
    ),

  requestReviewers: async (event) => {
    const data = await event.request.formData();
    const reviewerIds = data
      .getAll('reviewerIds')
      .filter((id): id is string => typeof id === 'string' && id !== '');

    if (reviewerIds.length === 0) {
      return invalidForm('reviewers', { reviewerIds: 'Choose at least one person.' });
    }

    return write(event, 'reviewers', () =>
      callApi(event, RequestReviewersMutation, { id: event.params.id, reviewerIds }),
    );
  },

  review: async (event) => {
    const data = await event.request.formData();
    const verdict = choiceField(data, 'verdict', VERDICTS);
    const body = textField(data, 'body');
    const revision = intField(data, 'revision');
    const kept = { body, verdict };

    if (!verdict) return invalidForm('review', { verdict: 'Choose a verdict.' }, kept);
    if (revision === null) {
      return invalidForm('review', { revision: 'Reload the page: the form lost its revision.' });
    }

    const problem = noteProblem(
      body,
      verdict === 'REQUEST_CHANGES' ? 'What needs to change' : 'Comment',
      verdict !== 'APPROVE',
    );
    if (problem) return invalidForm('review', { body: problem }, kept);

    return write(
      event,
      'review',
      () =>
        callApi(event, ReviewChangeRequestMutation, {
          input: { id: event.params.id, verdict, revision, body: body === '' ? null : body },
        }),
      kept,
    );
  },

  comment: async (event) => {
    const data = await event.request.formData();
    const path = textField(data, 'path');
    const body = textField(data, 'body');
    const form = `comment:${path}`;
    const problem = noteProblem(body, 'Comment', true);

    if (problem) return invalidForm(form, { body: problem }, { body });

    return write(
      event,
      form,
      () =>
        callApi(event, CommentOnChangeRequestMutation, {
          input: { id: event.params.id, path, body },
        }),
      { body },
    );
  },

  reply: async (event) => {
    const data = await event.request.formData();
    const threadId = textField(data, 'threadId');
    const body = textField(data, 'body');
    const form = `reply:${threadId}`;
    const problem = noteProblem(body, 'Reply', true);

    if (problem) return invalidForm(form, { body: problem }, { body });

    return write(
      event,
      form,
      () =>
        callApi(event, CommentOnChangeRequestMutation, {
          input: { id: event.params.id, threadId, body },
        }),
      { body },
    );
  },

  resolve: async (event) => {
    const data = await event.request.formData();
    const threadId = textField(data, 'threadId');
    const resolved = textField(data, 'resolved') !== 'false';

    return write(event, `reply:${threadId}`, () =>
      callApi(event, ResolveReviewThreadMutation, { id: threadId, resolved }),
    );
  },

  merge: async (event) => {
    const expectedRevision = intField(await event.request.formData(), 'expectedRevision');

    if (expectedRevision === null) {
      return invalidForm('merge', { expectedRevision: 'Reload the page and try again.' });
    }

    return write(event, 'merge', () =>
      callApi(event, MergeChangeRequestMutation, {
        input: { id: event.params.id, expectedRevision },
      }),
    );
  },
};
