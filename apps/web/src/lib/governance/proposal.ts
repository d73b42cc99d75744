/**
 * Reading the proposal form that goes with the editor: the change request's title and
 * description, reviewers, draft or open, emergency and its reason, and the document as JSON.
 * Shared by the form actions that open and revise change requests.
 */
import { MAX_NOTE_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, checkText } from '@keel/domain';

/** What a proposal form sends, read and checked. */
export interface ProposalFields {
  title: string;
  description: string;
  reviewerIds: string[];
  /** Keep it as a draft rather than opening it for review. */
  draft: boolean;
  emergency: boolean;
  /** Why the change cannot wait for approval; required for an emergency. */
  emergencyReason: string;
  /** What this revision changes, for a revision. */
  message: string;
  /** The document as sent, parsed; null when it is not a JSON object. */
  document: Record<string, unknown> | null;
}

/** The proposal as read, with a message per field the app refuses. */
export interface ReadProposal {
  fields: ProposalFields;
  problems: Record<string, string>;
}

function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function parseDocument(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads a proposal form. `needsTitle` is false for a revision, which keeps its title. An
 * emergency's reason is put at the head of the description, where reviewers read it first.
 */
export function readProposal(data: FormData, needsTitle: boolean): ReadProposal {
  const emergency = data.get('emergency') === 'on';
  const fields: ProposalFields = {
    title: text(data, 'title'),
    description: text(data, 'description'),
    reviewerIds: data.getAll('reviewerIds').filter((id): id is string => typeof id === 'string'),
    draft: data.get('intent') === 'draft',
    emergency,
    emergencyReason: emergency ? text(data, 'emergencyReason') : '',
    message: text(data, 'message'),
    document: parseDocument(text(data, 'document')),
  };

  const problems: Record<string, string | null> = {
    title: needsTitle
      ? checkText(fields.title, { field: 'Title', max: MAX_TITLE_LENGTH, required: true })
      : null,
    description: checkText(fields.description, {
      field: 'Description',
      max: MAX_SUMMARY_LENGTH,
    }),
    emergencyReason: emergency
      ? checkText(fields.emergencyReason, {
          field: 'The reason for the emergency',
          max: MAX_NOTE_LENGTH,
          required: true,
        })
      : null,
    message: checkText(fields.message, { field: 'Message', max: MAX_NOTE_LENGTH }),
    document: fields.document ? null : 'The document could not be read. Reload the page.',
  };

  return {
    fields,
    problems: Object.fromEntries(
      Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
  };
}

/** The description sent to the API: an emergency's reason first, then the author's words. */
export function descriptionOf(fields: ProposalFields): string {
  if (!fields.emergency) return fields.description;

  const reason = `Emergency: ${fields.emergencyReason}`;
  return fields.description === '' ? reason : `${reason}\n\n${fields.description}`;
}
