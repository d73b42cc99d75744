import { redirect } from '@sveltejs/kit';
import {
  DETECTION_SOURCES,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  SEVERITIES,
  checkListSize,
  checkText,
} from '@keel/domain';
import { CURSOR_PARAM, decodeFilters, toIncidentFilter } from '$lib/board-filters';
import { BoardQuery, DeclareIncidentMutation } from '$lib/graphql/operations/incidents';
import { callApi } from '$lib/server/api';
import {
  choiceField,
  failAction,
  failLoad,
  foundProblems,
  invalidForm,
  textField,
} from '$lib/server/outcomes';
import type { Actions, PageServerLoad } from './$types';

/** Incidents per page of the board. */
const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
  // Live updates re-run this load by invalidating the key.
  event.depends('keel:board');

  const filters = decodeFilters(event.url.searchParams);
  const after = event.url.searchParams.get(CURSOR_PARAM) || null;
  const data = await callApi(event, BoardQuery, {
    filter: toIncidentFilter(filters),
    first: PAGE_SIZE,
    after,
  }).catch((cause: unknown) => failLoad(cause, event.url));

  return {
    filters,
    after,
    incidents: data.incidents,
    automations: data.automations.nodes,
    teams: data.teams,
  };
};

export const actions: Actions = {
  declare: async (event) => {
    const data = await event.request.formData();
    const title = textField(data, 'title');
    const summary = textField(data, 'summary');
    const severity = choiceField(data, 'severity', SEVERITIES);
    const detectionSource = choiceField(data, 'detectionSource', DETECTION_SOURCES);
    const automationIds = data.getAll('automationIds').filter((id) => typeof id === 'string');
    const kept = { title, summary, severity, detectionSource, automationIds };

    const fields = foundProblems({
      title: checkText(title, { field: 'Title', max: MAX_TITLE_LENGTH, required: true }),
      summary: checkText(summary, { field: 'Summary', max: MAX_SUMMARY_LENGTH }),
      severity: severity ? null : 'Choose a severity.',
      detectionSource: detectionSource ? null : 'Choose how the failure was noticed.',
      automationIds: checkListSize(automationIds, 'Affected automations'),
    });

    if (!severity || !detectionSource || Object.keys(fields).length > 0) {
      return invalidForm('declare', fields, kept);
    }

    let declared;

    try {
      declared = await callApi(event, DeclareIncidentMutation, {
        input: {
          title,
          summary: summary === '' ? null : summary,
          severity,
          detectionSource,
          automationIds,
        },
      });
    } catch (cause) {
      return failAction(cause, 'declare', event.url, kept);
    }

    redirect(303, `/incidents/${encodeURIComponent(declared.declareIncident.id)}`);
  },
};
