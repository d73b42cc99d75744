/**
 * The one shape every form action answers with, and how pages read it. Actions build it with
 * the helpers in `$lib/server/outcomes`; pages receive it as their `form` prop.
 */
import type { ErrorCode } from './graphql/errors';

/** What was typed into a form, by field, to put back after a refusal (never a password). */
export type TypedValues = Record<string, string | string[] | null>;

/** What a form action answered, refused or not. */
export interface FormOutcome {
  /** Which form on the page answered, so the message shows beside it. */
  form: string;
  /** True when the write went through. */
  done?: boolean;
  /** The sentence to show, when refused. */
  message?: string;
  /** The API's code, when refused; CONFLICT makes the page reload. */
  code?: ErrorCode;
  /** Messages per field, when the app checked the input itself. */
  fields?: Record<string, string>;
  /** What was typed, when refused. */
  values?: TypedValues;
}

/** The outcome if it belongs to the form `name`. */
export function outcomeOf(
  outcome: FormOutcome | null | undefined,
  name: string,
): FormOutcome | null {
  return outcome?.form === name ? outcome : null;
}

/** The message for one field, when the app refused it. */
export function fieldProblem(outcome: FormOutcome | null, field: string): string | undefined {
  return outcome?.fields?.[field];
}

/** The message for the form as a whole: a refusal the app did not pin on one field. */
export function formProblem(outcome: FormOutcome | null): string | null {
  if (!outcome?.message || outcome.fields) return null;
  return outcome.message;
}

/** What was typed into a text field before a refusal; empty when nothing was. */
export function typedText(outcome: FormOutcome | null, field: string): string {
  const value = outcome?.values?.[field];
  return typeof value === 'string' ? value : '';
}

/** What was chosen in a multiple-choice field before a refusal. */
export function typedList(outcome: FormOutcome | null, field: string): string[] {
  const value = outcome?.values?.[field];
  return Array.isArray(value) ? value : [];
}
