import { redirect } from '@sveltejs/kit';
import { ViewerQuery } from '$lib/graphql/operations/session';
import { signInHref } from '$lib/redirect';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { LayoutServerLoad } from './$types';

/** Every page in this group needs a signed-in person; the others go to sign in first. */
export const load: LayoutServerLoad = async (event) => {
  // Only a redirect reads the address, so moving between pages does not ask again.
  const here = event.untrack(() => event.url.pathname + event.url.search);
  const { viewer } = await callApi(event, ViewerQuery).catch((cause: unknown) =>
    failLoad(cause, event.url),
  );

  if (!viewer) {
    redirect(303, signInHref(here));
  }

  return {
    viewer: {
      /** The person's user id; null for an API token's session. */
      id: viewer.user?.id ?? null,
      name: viewer.user?.name ?? viewer.name,
      email: viewer.user?.email ?? null,
      organization: viewer.organization.name,
      role: viewer.role ?? null,
    },
    /** Whether this person may change incidents; viewers only read. */
    canRespond: viewer.role === 'RESPONDER' || viewer.role === 'ADMIN',
  };
};
