import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { PageArgs, connectionType, selects, type ConnectionShape } from '../../graphql/relay.js';
import { toGlobalId } from '../../ids.js';
import { Incident } from '../incident/incident.entity.js';
import { SearchQueries } from './search.queries.js';
import { TimelineEntry } from './timeline-entry.entity.js';
import {
  AddTimelineEntryInput,
  SearchResult,
  TimelineFilter,
  TimelineOrderEnum,
  type TimelineOrder,
} from './timeline.inputs.js';
import { TimelineQueries } from './timeline.queries.js';
import { TimelineService } from './timeline.service.js';

/** `TimelineEntryConnection`: a page of timeline entries. */
export const TimelineEntryConnection = connectionType(TimelineEntry, 'TimelineEntry');

/** Writing timeline entries through the API, and their fields. */
@Resolver(() => TimelineEntry)
export class TimelineResolver {
  @Mutation(() => TimelineEntry, {
    description:
      "Adds an entry to an incident's live timeline; editors see it at once. " +
      'Source PERSON for people, INTEGRATION for API tokens.',
  })
  async addTimelineEntry(
    @Arg('input', () => AddTimelineEntryInput) input: AddTimelineEntryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TimelineEntry> {
    return new TimelineService(ctx).addEntry(input);
  }

  @FieldResolver(() => ID, { description: 'The incident the entry belongs to.' })
  incidentId(@Root() entry: TimelineEntry): string {
    return toGlobalId('Incident', entry.incident.id);
  }
}

/** `Incident.timeline`. */
@Resolver(() => Incident)
export class IncidentTimelineResolver {
  @FieldResolver(() => TimelineEntryConnection, {
    description:
      'Timeline entries in the order they happened (then by id), as projected from the live ' +
      'document about a second after each edit at most. Soft-deleted entries only on request.',
  })
  async timeline(
    @Root() incident: Incident,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TimelineFilter, { nullable: true }) filter: TimelineFilter | null,
    @Arg('order', () => TimelineOrderEnum, {
      defaultValue: 'OLDEST_FIRST',
      description: 'NEWEST_FIRST starts from the latest entries; cursors follow the same order.',
    })
    order: TimelineOrder,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<TimelineEntry>> {
    const withTotal = selects(info, 'totalCount');
    return new TimelineQueries(ctx).list(incident, filter, page, withTotal, order);
  }
}

/** Full-text search. */
@Resolver(() => SearchResult)
export class SearchResolver {
  @Query(() => [SearchResult], {
    description:
      "Searches the organisation's incidents (title, summary) and postmortems; best first. " +
      'Accepts "quoted phrases", or, and -excluded words; at most 200 characters.',
  })
  async search(
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true, description: '1 to 50; default 10.' })
    first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<SearchResult[]> {
    return new SearchQueries(ctx).search(query, first);
  }
}
