import { postmortemPlainText, replacePostmortemBody } from '@keel/collab';
import { MAX_TITLE_LENGTH, checkText } from '@keel/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { requirePermission, stampOf, type Actor } from '../../auth/actor.js';
import type { LiveDocuments } from '../../collab/live-documents.js';
import type { UpdateAuthor } from '../../collab/journal.store.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { ConflictError } from '../../errors/conflict-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { keyOf } from '../../ids.js';
import { auditChange } from '../audit/audit.service.js';
import { Incident } from '../incident/incident.entity.js';
import type {
  RestorePostmortemVersionInput,
  RestorePostmortemVersionPayload,
  SavePostmortemVersionInput,
} from './postmortem-version.inputs.js';
import { PostmortemVersion } from './postmortem-version.entity.js';

/**
 * Seed of the transaction advisory lock that numbers an incident's versions, so two saves at
 * once get consecutive numbers instead of one failing on the unique constraint. The audit trail
 * locks with seed 7; a different seed keeps the two apart.
 */
const NUMBERING_LOCK_SEED = 11;

/** What this module tells clients, in one place. */
const MESSAGES = {
  noIncident: 'No such incident.',
  noVersion: 'No such postmortem version.',
  oneLine: 'name must be one line of text.',
  expectedVersion: 'expectedVersion must be 0 or more.',
  staleVersion: (newest: number) =>
    `Someone saved or restored a version since you looked (the newest is now ${newest}); ` +
    'reload and try again.',
} as const;

/** Control characters, line breaks included: a name is one line. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

/**
 * Named versions of postmortems. Saving copies the document's whole state; restoring saves the
 * current state first and then writes the old text into the live document through
 * {@link LiveDocuments}, so editors see it at once and the journal keeps every step. Nothing is
 * ever overwritten or deleted.
 */
export class PostmortemVersionService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * Saves the postmortem as it is now: the copy this process has open, or what is stored.
   * Rejected input writes nothing: it is checked before anything is read.
   */
  async save(input: SavePostmortemVersionInput): Promise<PostmortemVersion> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const name = checkedName(input.name);
    const live = this.requireLiveDocuments();

    const incident = await this.findIncident(actor, input.incidentId);
    const state = await live.currentState({
      incidentId: incident.id,
      organizationId: actor.organizationId,
      kind: 'postmortem',
    });

    return inTransaction(this.ctx.em, async (tx) => {
      const version = await recordVersion(tx, actor, { incident, name, state, automatic: false });
      await auditChange(tx, this.ctx, actor, {
        action: 'incident.postmortem.save_version',
        targetType: 'Incident',
        targetId: incident.id,
        changes: { [`postmortemVersion.${version.number}`]: { before: null, after: name } },
      });
      return version;
    });
  }

  /**
   * Makes the live postmortem read as the version again. In one transaction with the journal
   * row of that edit, the text it replaces is saved as an automatic version and the audit record
   * is written; only then do editors receive the edit. Review fields are not restored.
   */
  async restore(input: RestorePostmortemVersionInput): Promise<RestorePostmortemVersionPayload> {
    const actor = requirePermission(this.ctx.actor, 'write');
    const expected = input.expectedVersion ?? null;
    if (expected !== null && expected < 0) throw new BadUserInputError(MESSAGES.expectedVersion);

    const version = await this.findVersion(actor, input.versionId);
    const live = this.requireLiveDocuments();
    const incident = version.incident;
    const source = new Y.Doc();
    Y.applyUpdate(source, version.state);

    // Filled in by the write below: the live state the draft started from, and its version.
    const replaced: { state?: Uint8Array; version?: PostmortemVersion } = {};
    const record = async (tx: EntityManager) => {
      const saved = await recordVersion(tx, actor, {
        incident,
        name: automaticVersionName(version.name),
        state: replaced.state!,
        automatic: true,
        expected,
      });
      await auditChange(tx, this.ctx, actor, {
        action: 'incident.postmortem.restore_version',
        targetType: 'Incident',
        targetId: incident.id,
        changes: {
          postmortem: {
            before: { version: saved.number, name: saved.name },
            after: { version: version.number, name: version.name },
          },
        },
      });
      replaced.version = saved;
    };

    try {
      const changed = await live.write({
        incidentId: incident.id,
        organizationId: actor.organizationId,
        kind: 'postmortem',
        author: authorOf(actor),
        draftFrom: 'live',
        draft: (current, draft) => {
          replaced.state = Y.encodeStateAsUpdate(current);
          replacePostmortemBody(draft, source);
        },
        alongside: record,
      });
      // Only an empty body replaced by an empty body changes nothing; it is still recorded.
      if (!changed) await inTransaction(this.ctx.em, record);
    } finally {
      source.destroy();
    }

    const savedBefore = replaced.version!;
    this.ctx.logger.info(
      { incidentId: incident.id, restored: version.number, savedBefore: savedBefore.number },
      'postmortem version restored',
    );
    return { savedBefore, restored: version };
  }

  private requireLiveDocuments(): LiveDocuments {
    if (!this.ctx.liveDocuments) throw new Error('This process serves no live documents.');
    return this.ctx.liveDocuments;
  }

  private async findIncident(actor: Actor, id: string): Promise<Incident> {
    const key = keyOf(id, 'Incident');
    const incident = key
      ? await this.ctx.em.findOne(Incident, { id: key, organization: actor.organizationId })
      : null;
    if (!incident) throw new NotFoundError(MESSAGES.noIncident);
    return incident;
  }

  /** The version with its stored state; another organisation's reads as missing. */
  private async findVersion(actor: Actor, id: string): Promise<PostmortemVersion> {
    const key = keyOf(id, 'PostmortemVersion');
    const version = key
      ? await this.ctx.em.findOne(
          PostmortemVersion,
          { id: key, organization: actor.organizationId },
          { populate: ['state'] },
        )
      : null;
    if (!version) throw new NotFoundError(MESSAGES.noVersion);
    return version;
  }
}

/** The trimmed name, or BAD_USER_INPUT. */
function checkedName(value: string): string {
  const name = value.trim();
  const problem =
    checkText(name, { field: 'name', max: MAX_TITLE_LENGTH, required: true }) ??
    (CONTROL_CHARACTERS.test(name) ? MESSAGES.oneLine : null);
  if (problem) throw new BadUserInputError(problem, { problems: [problem] });
  return name;
}

/** "Before restoring «name»", shortening the name so the whole fits a version name. */
export function automaticVersionName(restored: string): string {
  const room = MAX_TITLE_LENGTH - 'Before restoring «»'.length;
  const name = restored.length > room ? `${restored.slice(0, room - 1)}…` : restored;
  return `Before restoring «${name}»`;
}

function authorOf(actor: Actor): UpdateAuthor {
  return { kind: actor.kind, id: actor.kind === 'USER' ? actor.userId : actor.tokenId };
}

/** What {@link recordVersion} stores. */
interface NewVersion {
  incident: Incident;
  name: string;
  /** `Y.encodeStateAsUpdate` of the postmortem document. */
  state: Uint8Array;
  automatic: boolean;
  /** The newest number the caller saw; another newest number is a CONFLICT. */
  expected?: number | null;
}

/** Inserts the next version of the incident inside the caller's transaction. */
async function recordVersion(
  tx: EntityManager,
  actor: Actor,
  input: NewVersion,
): Promise<PostmortemVersion> {
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, ?))', [
    input.incident.id,
    NUMBERING_LOCK_SEED,
  ]);
  const [{ newest } = { newest: 0 }] = await tx.execute<{ newest: number }[]>(
    'select coalesce(max(number), 0)::int as newest from postmortem_version where incident_id = ?',
    [input.incident.id],
  );
  if (input.expected != null && input.expected !== newest) {
    throw new ConflictError(MESSAGES.staleVersion(newest), { newest });
  }

  const doc = new Y.Doc();
  let text: string;
  try {
    Y.applyUpdate(doc, input.state);
    text = postmortemPlainText(doc);
  } finally {
    doc.destroy();
  }

  const version = tx.create(PostmortemVersion, {
    organization: actor.organizationId,
    incident: input.incident.id,
    number: newest + 1,
    name: input.name,
    automatic: input.automatic,
    author: stampOf(actor),
    state: Buffer.from(input.state),
    text,
    createdAt: new Date(),
  });
  await tx.flush();
  return version;
}
