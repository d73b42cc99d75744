/**
 * What every editor page loads besides the document: the teams a document may name, the
 * people who can be asked to review, and the emergency window of the policy in force.
 */
import { isJsonObject } from '@keel/domain';
import { EditorContextQuery } from '$lib/graphql/operations/governance';
import { callApi, type ApiEvent } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';

/** The editor's surroundings, as pages receive them. */
export interface EditorContext {
  teams: { id: string; name: string }[];
  /** Responders and admins other than the author, by name. */
  reviewers: { id: string; name: string }[];
  /** Hours an emergency change has to get its review; null if the policy does not say. */
  emergencyHours: number | null;
}

/** Loads the editor's surroundings for the person `viewerId`. */
export async function loadEditorContext(
  event: ApiEvent,
  viewerId: string | null,
): Promise<EditorContext> {
  const data = await callApi(event, EditorContextQuery).catch((cause: unknown) =>
    failLoad(cause, event.url),
  );
  const policy = data.approvalPolicy.document;
  const hours = isJsonObject(policy) ? policy.emergencyReviewHours : null;

  return {
    teams: data.teams,
    reviewers: data.members
      .filter((member) => member.role !== 'VIEWER' && member.user.id !== viewerId)
      .map((member) => member.user)
      .sort((a, b) => a.name.localeCompare(b.name)),
    emergencyHours: typeof hours === 'number' ? hours : null,
  };
}
