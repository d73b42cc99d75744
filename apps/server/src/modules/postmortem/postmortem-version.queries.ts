import { postmortemBody, readRichTextBlocks } from '@keel/collab';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import * as Y from 'yjs';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  connectionFrom,
  pageRequest,
  type ConnectionShape,
  type PageArgs,
} from '../../graphql/relay.js';
import type { Incident } from '../incident/incident.entity.js';
import type { PostmortemBlock } from './postmortem-version.inputs.js';
import { PostmortemVersion } from './postmortem-version.entity.js';

/** A version cursor: the number of the last version on the previous page. */
function isVersionCursor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * Loads the stored states of the versions a response shows, in one statement however many.
 * One loader per EntityManager, so per request, like the loaders in graphql/loaders.ts.
 */
const stateLoaders = new WeakMap<EntityManager, DataLoader<PostmortemVersion, Buffer>>();

function stateLoader(em: EntityManager): DataLoader<PostmortemVersion, Buffer> {
  let loader = stateLoaders.get(em);
  if (!loader) {
    loader = new DataLoader(
      async (versions) => {
        await em.populate([...versions], ['state']);
        return versions.map((version) => version.state);
      },
      { cache: false },
    );
    stateLoaders.set(em, loader);
  }
  return loader;
}

/** Reads postmortem versions of the caller's organisation. */
export class PostmortemVersionQueries {
  constructor(private readonly ctx: RequestContext) {}

  /** A page of an incident's versions, newest first. */
  async list(
    incident: Incident,
    args: PageArgs,
    withTotal: boolean,
  ): Promise<ConnectionShape<PostmortemVersion>> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const page = pageRequest(args, isVersionCursor);
    const where = { incident: incident.id, organization: actor.organizationId };

    const [rows, total] = await Promise.all([
      this.ctx.em.find(
        PostmortemVersion,
        page.after ? { ...where, number: { $lt: page.after } } : where,
        { orderBy: { number: 'desc' }, limit: page.first + 1 },
      ),
      withTotal ? this.ctx.em.count(PostmortemVersion, where) : Promise.resolve(-1),
    ]);
    return connectionFrom(rows, page.first, (version) => version.number, total);
  }

  /** The blocks of a version's body, read from its stored state. */
  async content(version: PostmortemVersion): Promise<PostmortemBlock[]> {
    requirePermission(this.ctx.actor, 'read');
    // A version saved in this request already holds its state; others load theirs together.
    const state = version.state ?? (await stateLoader(this.ctx.em).load(version));

    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      return readRichTextBlocks(postmortemBody(doc));
    } finally {
      doc.destroy();
    }
  }
}
