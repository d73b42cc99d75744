import { error } from '@sveltejs/kit';
import { WarRoomQuery } from '$lib/graphql/operations/incidents';
import { callApi } from '$lib/server/api';
import { failLoad } from '$lib/server/outcomes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const data = await callApi(event, WarRoomQuery, { id: event.params.id }).catch((cause: unknown) =>
    failLoad(cause, event.url),
  );

  if (!data.incident) {
    error(404, { message: 'There is no such incident in your organisation.', code: 'NOT_FOUND' });
  }

  const { id, reference, title } = data.incident;
  return { incident: { id, reference, title } };
};
