/**
 * What loads and actions do with an API failure: a load turns it into the error page (or the
 * sign-in page when the session has ended), an action into a form outcome that the page shows
 * beside the form that caused it.
 */
import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { isOneOf } from '@keel/domain';
import { ApiError, errorMessage, httpStatusOf } from '$lib/graphql/errors';
import type { FormOutcome, TypedValues } from '$lib/forms';
import { signInHref } from '$lib/redirect';

export type { FormOutcome, TypedValues };

/** The outcome of a write that went through. */
export function done(form: string): FormOutcome {
  return { form, done: true };
}

/** The page a visitor whose session ended is sent to, returning here after sign-in. */
function toSignIn(url: URL): never {
  redirect(303, signInHref(url.pathname + url.search));
}

/**
 * Rethrows an API failure the way a page load should: to sign-in when the session has ended,
 * otherwise as the error page with the API's message. Anything else is a bug, rethrown as is.
 */
export function failLoad(cause: unknown, url: URL): never {
  if (!(cause instanceof ApiError)) {
    throw cause;
  }

  if (cause.code === 'UNAUTHENTICATED') {
    toSignIn(url);
  }

  error(httpStatusOf(cause.code), { message: errorMessage(cause), code: cause.code });
}

/**
 * The API's refusal as the outcome of the form `form`, whatever its code. Anything that is not
 * an API error is a bug, rethrown as is.
 */
export function refusedBy(
  cause: unknown,
  form: string,
  values: TypedValues = {},
): ActionFailure<FormOutcome> {
  if (!(cause instanceof ApiError)) {
    throw cause;
  }

  return fail(httpStatusOf(cause.code), {
    form,
    message: errorMessage(cause),
    code: cause.code,
    values,
  });
}

/** Like {@link refusedBy}, but a session that has ended sends the visitor to sign in. */
export function failAction(
  cause: unknown,
  form: string,
  url: URL,
  values: TypedValues = {},
): ActionFailure<FormOutcome> {
  if (cause instanceof ApiError && cause.code === 'UNAUTHENTICATED') {
    toSignIn(url);
  }

  return refusedBy(cause, form, values);
}

/** The outcome of a form whose input the app refused before calling the API. */
export function invalidForm(
  form: string,
  fields: Record<string, string>,
  values: TypedValues = {},
): ActionFailure<FormOutcome> {
  const message = Object.values(fields).join(' ');
  return fail(400, { form, message, code: 'BAD_USER_INPUT', fields, values });
}

/** The problems that were found, by field: the entries of `problems` that are not null. */
export function foundProblems(problems: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

/** A form field as trimmed text; empty when missing or not text. */
export function textField(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A form field as one of `values`; null when missing or not one of them. */
export function choiceField<T extends string>(
  data: FormData,
  name: string,
  values: readonly T[],
): T | null {
  const value = textField(data, name);
  return isOneOf(values, value) ? value : null;
}

/** A form field as an integer; null when missing or not a whole number. */
export function intField(data: FormData, name: string): number | null {
  const text = textField(data, name);
  const value = Number(text);
  return text !== '' && Number.isInteger(value) ? value : null;
}
