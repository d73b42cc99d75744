import { error } from '@sveltejs/kit';
import { AutomationQuery } from '$lib/graphql/operations/automations';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { automation } = await callApi(event, AutomationQuery, { id: event.params.id }).catch(
    (cause: unknown) => failLoad(cause, event.url),
  );

  if (!automation) {
    error(404, { message: 'There is no such automation in your catalog.', code: 'NOT_FOUND' });
  }

  return { automation };
};
