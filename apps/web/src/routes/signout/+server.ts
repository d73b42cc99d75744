import { redirect } from '@sveltejs/kit';
import { SignOutMutation } from '$lib/graphql/operations/session';
import { ApiError, callApi } from '$lib/server/api';
import { SESSION_COOKIE } from '$lib/server/set-cookie';
import type { RequestHandler } from './$types';

/** Ends the session at the API, forgets the cookie here, and shows the sign-in page. */
export const POST: RequestHandler = async (event) => {
  try {
    await callApi(event, SignOutMutation);
  } catch (cause) {
    // Signing out must always work here, even when the API is away or the session is gone.
    if (!(cause instanceof ApiError)) throw cause;
  }

  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/signin');
};
