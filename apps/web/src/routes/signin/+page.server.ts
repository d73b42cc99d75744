import { redirect } from '@sveltejs/kit';
import { MAX_NAME_LENGTH, checkPassword, checkText } from '@keel/domain';
import { SignInMutation, SignUpMutation, ViewerQuery } from '$lib/graphql/operations/session';
import { RETURN_PARAM, safeReturnPath } from '$lib/redirect';
import { callApi } from '$lib/server/api';
import { foundProblems, invalidForm, refusedBy, textField } from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

/** Someone already signed in has nothing to do here. */
export const load: PageServerLoad = async (event) => {
  const viewer = await callApi(event, ViewerQuery)
    .then((data) => data.viewer)
    .catch(() => null);

  if (viewer) {
    redirect(303, safeReturnPath(event.url.searchParams.get(RETURN_PARAM)));
  }

  return {};
};

function emailProblem(email: string): string | null {
  if (email === '') return 'Email is required.';
  return /^[^\s@]+@[^\s@]+$/.test(email) ? null : 'Enter an email address such as ada@example.com.';
}

export const actions: Actions = {
  signIn: async (event) => {
    const data = await event.request.formData();
    const email = textField(data, 'email');
    // Passwords are sent as typed: spaces may be part of a passphrase.
    const password = String(data.get('password') ?? '');
    const fields = foundProblems({
      email: emailProblem(email),
      password: password === '' ? 'Password is required.' : null,
    });

    if (Object.keys(fields).length > 0) {
      return invalidForm('signIn', fields, { email });
    }

    try {
      await callApi(event, SignInMutation, { input: { email, password } });
    } catch (cause) {
      // Here UNAUTHENTICATED means a wrong email or password: the API's words say which.
      return refusedBy(cause, 'signIn', { email });
    }

    redirect(303, safeReturnPath(event.url.searchParams.get(RETURN_PARAM)));
  },

  signUp: async (event) => {
    const data = await event.request.formData();
    const organizationName = textField(data, 'organizationName');
    const name = textField(data, 'name');
    const email = textField(data, 'email');
    const password = String(data.get('password') ?? '');
    const fields = foundProblems({
      organizationName: checkText(organizationName, {
        field: 'Organisation name',
        max: MAX_NAME_LENGTH,
        required: true,
      }),
      name: checkText(name, { field: 'Your name', max: MAX_NAME_LENGTH, required: true }),
      email: emailProblem(email),
      password: checkPassword(password),
    });
    const kept = { organizationName, name, email };

    if (Object.keys(fields).length > 0) {
      return invalidForm('signUp', fields, kept);
    }

    try {
      await callApi(event, SignUpMutation, {
        input: { organizationName, name, email, password },
      });
    } catch (cause) {
      return refusedBy(cause, 'signUp', kept);
    }

    redirect(303, '/');
  },
};
