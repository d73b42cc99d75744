/**
 * The form actions behind the editor: open a change request with a proposed document, or
 * push a new revision of one. The document is checked with the domain's validator first, the
 * same rules the API applies, so a refusal names every problem at once.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import {
  validateApprovalPolicyDocument,
  validatePlaybookDocument,
  type DocumentProblem,
} from '@keel/domain';
import type { ChangeRequestKind } from '$lib/graphql/generated/graphql';
import {
  OpenChangeRequestMutation,
  ReviseChangeRequestMutation,
} from '$lib/graphql/operations/governance';
import { callApi } from '$lib/server/api';
import { failAction, intField, invalidForm } from '$lib/server/outcomes';
import { descriptionOf, readProposal } from './proposal';

/** The name of the proposal form, for its outcome. */
export const PROPOSAL_FORM = 'proposal';

/** The document's problems as one field message, naming how many there are. */
function documentProblem(problems: readonly DocumentProblem[]): string {
  const first = problems[0]?.message ?? 'The document is not valid.';
  const more = problems.length - 1;
  return more > 0 ? `${first} (and ${more} more)` : first;
}

function problemsOf(kind: ChangeRequestKind, document: Record<string, unknown>) {
  const result =
    kind === 'POLICY_CHANGE'
      ? validateApprovalPolicyDocument(document)
      : validatePlaybookDocument(document);
  return result.ok ? [] : result.problems;
}

/**
 * Opens a change request of `kind` from the proposal form and goes to its page. For a new
 * version, `playbookId` names the playbook.
 */
export async function openProposal(
  event: RequestEvent,
  kind: ChangeRequestKind,
  playbookId: string | null,
) {
  const data = await event.request.formData();
  const { fields, problems } = readProposal(data, true);
  const kept = { title: fields.title, description: fields.description };

  if (fields.document) {
    const found = problemsOf(kind, fields.document);
    if (found.length > 0) problems.document = documentProblem(found);
  }

  if (Object.keys(problems).length > 0 || !fields.document) {
    return invalidForm(PROPOSAL_FORM, problems, kept);
  }

  let id: string;

  try {
    const result = await callApi(event, OpenChangeRequestMutation, {
      input: {
        kind,
        title: fields.title,
        description: descriptionOf(fields),
        playbookId,
        document: fields.document,
        draft: fields.draft,
        emergency: fields.emergency,
        reviewerIds: fields.reviewerIds,
      },
    });
    id = result.openChangeRequest.id;
  } catch (cause) {
    return failAction(cause, PROPOSAL_FORM, event.url, kept);
  }

  redirect(303, `/change-requests/${id}`);
}

/** Pushes the edited document as the next revision of change request `id`. */
export async function reviseProposal(event: RequestEvent, id: string, kind: ChangeRequestKind) {
  const data = await event.request.formData();
  const { fields, problems } = readProposal(data, false);
  const expectedRevision = intField(data, 'expectedRevision');
  const kept = { message: fields.message };

  if (fields.document) {
    const found = problemsOf(kind, fields.document);
    if (found.length > 0) problems.document = documentProblem(found);
  }

  if (expectedRevision === null) {
    problems.expectedRevision = 'Reload the page: the form lost its revision.';
  }

  if (Object.keys(problems).length > 0 || !fields.document || expectedRevision === null) {
    return invalidForm(PROPOSAL_FORM, problems, kept);
  }

  try {
    await callApi(event, ReviseChangeRequestMutation, {
      input: {
        id,
        expectedRevision,
        document: fields.document,
        message: fields.message === '' ? null : fields.message,
      },
    });
  } catch (cause) {
    return failAction(cause, PROPOSAL_FORM, event.url, kept);
  }

  redirect(303, `/change-requests/${id}`);
}
