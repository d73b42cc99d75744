import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { PageArgs, connectionType, selects, type ConnectionShape } from '../../graphql/relay.js';
import { toGlobalId } from '../../ids.js';
import { Incident } from '../incident/incident.entity.js';
import { PostmortemVersion } from './postmortem-version.entity.js';
import {
  PostmortemBlock,
  RestorePostmortemVersionInput,
  RestorePostmortemVersionPayload,
  SavePostmortemVersionInput,
} from './postmortem-version.inputs.js';
import { PostmortemVersionQueries } from './postmortem-version.queries.js';
import { PostmortemVersionService } from './postmortem-version.service.js';

/** `PostmortemVersionConnection`: a page of postmortem versions. */
export const PostmortemVersionConnection = connectionType(PostmortemVersion, 'PostmortemVersion');

/** Saving and restoring postmortem versions, and their fields. */
@Resolver(() => PostmortemVersion)
export class PostmortemVersionResolver {
  @Mutation(() => PostmortemVersion, {
    description:
      "Saves the incident's postmortem as it is now, live edits included, under a name. " +
      'Responders, admins and write tokens.',
  })
  async savePostmortemVersion(
    @Arg('input', () => SavePostmortemVersionInput) input: SavePostmortemVersionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PostmortemVersion> {
    return new PostmortemVersionService(ctx).save(input);
  }

  @Mutation(() => RestorePostmortemVersionPayload, {
    description:
      "Makes the postmortem's text read as an earlier version again, as a new edit that open " +
      'editors receive at once. The text it replaces is first saved as a version named ' +
      '"Before restoring «name»". Status, authors and reviewers are kept as they are.',
  })
  async restorePostmortemVersion(
    @Arg('input', () => RestorePostmortemVersionInput) input: RestorePostmortemVersionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RestorePostmortemVersionPayload> {
    return new PostmortemVersionService(ctx).restore(input);
  }

  @FieldResolver(() => ID, { description: 'The incident whose postmortem this is.' })
  incidentId(@Root() version: PostmortemVersion): string {
    return toGlobalId('Incident', version.incident.id);
  }

  @FieldResolver(() => [PostmortemBlock], {
    description: 'The body as blocks of plain text, in order, for showing it read-only.',
  })
  async content(
    @Root() version: PostmortemVersion,
    @Ctx() ctx: RequestContext,
  ): Promise<PostmortemBlock[]> {
    return new PostmortemVersionQueries(ctx).content(version);
  }
}

/** `Incident.postmortemVersions`. */
@Resolver(() => Incident)
export class IncidentPostmortemResolver {
  @FieldResolver(() => PostmortemVersionConnection, {
    description: "Named versions of the incident's postmortem, newest first.",
  })
  async postmortemVersions(
    @Root() incident: Incident,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<PostmortemVersion>> {
    return new PostmortemVersionQueries(ctx).list(incident, page, selects(info, 'totalCount'));
  }
}
