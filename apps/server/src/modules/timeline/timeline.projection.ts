import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
} from '@hocuspocus/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  POSTMORTEM_SECTIONS,
  postmortemBody,
  readEntry,
  readPostmortemSections,
  timelineEntries,
  type DocumentAddress,
  type TimelineEntry as DocumentEntry,
} from '@keel/collab';
import * as Y from 'yjs';
import type { CollabContext } from '../../collab/collab-socket.js';
import type { KeelPubSub } from '../../graphql/pubsub.js';
import type { Logger } from '../../logger.js';
import {
  storableText,
  upsertPostmortemText,
  upsertTimelineEntries,
  type ProjectionKey,
} from './projection.store.js';

/** Options of {@link ProjectionExtension}. */
export interface ProjectionOptions {
  orm: MikroORM;
  logger: Logger;
  /** Where `timelineChanged` events go; without it rows are written and nothing is announced. */
  pubSub?: KeelPubSub;
  /**
   * How long changes to one document are gathered before they are written, in milliseconds,
   * counted from the first change, so steady typing cannot postpone the write indefinitely.
   * @default 150
   */
  delayMs?: number;
  /**
   * Wait before writing again after a failed write (the database being away), in milliseconds.
   * @default 1000
   */
  retryMs?: number;
}

/** A loaded document the projection follows. */
interface Followed {
  document: Document;
  key: ProjectionKey;
  kind: DocumentAddress['kind'];
  /** Timeline entry ids changed since the last write. */
  dirtyEntries: Set<string>;
  /** Whether the postmortem text changed since the last write. */
  dirtyText: boolean;
  timer: NodeJS.Timeout | null;
  /** The write under way; writes of one document never overlap. */
  writing: Promise<void>;
  stopObserving(): void;
}

const TEMPLATE_TITLES = new Set(POSTMORTEM_SECTIONS.map((section) => section.title));

/**
 * Projects live documents into relational rows: timeline entries into `timeline_entry`, the
 * postmortem's text into `postmortem_text` with its search vector. Every change to a loaded
 * document, from a client, a server write or another process, marks what it touched; shortly
 * after (see {@link ProjectionOptions.delayMs}) the touched entries are re-read from the
 * document and upserted in one statement, and each row that really changed is announced on
 * `timelineChanged`.
 *
 * The rows are derived, never the source: the journal is written before a change is confirmed,
 * while the projection follows it within a fraction of a second. If the process dies in
 * between, the rows lag until the document is next loaded, when every entry is projected again;
 * an unchanged row is not rewritten and not announced, so that costs one statement.
 */
export class ProjectionExtension implements Extension {
  readonly extensionName = 'keel-projection';
  /** After the journal and Redis extensions, so a document is complete when it is followed. */
  readonly priority = 50;

  private readonly followed = new Map<string, Followed>();
  private readonly delayMs: number;
  private readonly retryMs: number;
  private closed = false;

  constructor(private readonly options: ProjectionOptions) {
    this.delayMs = options.delayMs ?? 150;
    this.retryMs = options.retryMs ?? 1_000;
  }

  /** Starts following a loaded document and projects all of it once. */
  async afterLoadDocument({
    document,
    documentName,
    context,
  }: afterLoadDocumentPayload<CollabContext>): Promise<void> {
    const { organizationId, document: address } = context;
    if (!organizationId || !address) return;

    this.followed.get(documentName)?.stopObserving();
    const followed: Followed = {
      document,
      key: { organizationId, incidentId: address.incidentId },
      kind: address.kind,
      dirtyEntries: new Set(),
      dirtyText: false,
      timer: null,
      writing: Promise.resolve(),
      stopObserving: () => {},
    };
    followed.stopObserving = this.observe(followed);
    this.followed.set(documentName, followed);

    if (address.kind === 'timeline') {
      for (const id of timelineEntries(document).keys()) followed.dirtyEntries.add(id);
    } else {
      followed.dirtyText = true;
    }
    this.schedule(followed);
  }

  /** Writes what is pending before Hocuspocus lets go of the document. */
  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    await this.flush(documentName);
  }

  /** Stops following a document once it is gone (unless it was loaded again meanwhile). */
  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const followed = this.followed.get(documentName);
    if (!followed?.document.isDestroyed) return;

    followed.stopObserving();
    if (followed.timer) clearTimeout(followed.timer);
    this.followed.delete(documentName);
  }

  /**
   * Writes a document's pending changes now and resolves once they (and any write under way)
   * are stored and announced. Server-side writes call it so the caller can read its own change.
   */
  async flush(documentName: string): Promise<void> {
    const followed = this.followed.get(documentName);
    if (!followed) return;

    if (followed.timer) clearTimeout(followed.timer);
    followed.timer = null;
    await this.write(followed);
  }

  /** Writes everything pending and stops; later changes are projected when next loaded. */
  async drain(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.followed.keys()].map((name) => this.flush(name)));
  }

  private observe(followed: Followed): () => void {
    const { document } = followed;

    if (followed.kind === 'postmortem') {
      const body = postmortemBody(document);
      const onChange = () => {
        followed.dirtyText = true;
        this.schedule(followed);
      };
      body.observeDeep(onChange);
      return () => body.unobserveDeep(onChange);
    }

    const entries = timelineEntries(document);
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events) {
        // A change to the root map names entries by key; a change inside an entry (its body,
        // its tags) has the entry's key as the first step of its path.
        if (event instanceof Y.YMapEvent && event.target === entries) {
          for (const id of event.keysChanged) followed.dirtyEntries.add(id);
        } else if (typeof event.path[0] === 'string') {
          followed.dirtyEntries.add(event.path[0]);
        }
      }
      this.schedule(followed);
    };
    entries.observeDeep(onChange);
    return () => entries.unobserveDeep(onChange);
  }

  private schedule(followed: Followed, delayMs = this.delayMs): void {
    if (followed.timer || this.closed) return;

    followed.timer = setTimeout(() => {
      followed.timer = null;
      void this.write(followed);
    }, delayMs);
  }

  /** Chains a write after the one under way, so rows are never written out of order. */
  private write(followed: Followed): Promise<void> {
    followed.writing = followed.writing.then(() => this.writeNow(followed));
    return followed.writing;
  }

  private async writeNow(followed: Followed): Promise<void> {
    const { document, key } = followed;
    const ids = [...followed.dirtyEntries];
    const text = followed.dirtyText;
    followed.dirtyEntries.clear();
    followed.dirtyText = false;
    if (ids.length === 0 && !text) return;

    const em = this.options.orm.em.fork();
    try {
      if (text) await upsertPostmortemText(em, key, postmortemText(document));
      if (ids.length > 0) {
        const entries = ids.map((id) => readEntry(document, id)).filter(isEntry);
        const changes = await upsertTimelineEntries(em, key, entries);
        for (const change of changes) {
          this.options.pubSub?.publish('timelineChanged', key.organizationId, {
            organizationId: key.organizationId,
            incidentId: key.incidentId,
            kind: change.kind,
            entry: change.row,
          });
        }
        this.options.logger.debug(
          { incidentId: key.incidentId, read: ids.length, changed: changes.length },
          'timeline projected',
        );
      }
    } catch (error) {
      // Put the work back and try again later; the document still holds everything.
      for (const id of ids) followed.dirtyEntries.add(id);
      followed.dirtyText ||= text;
      this.options.logger.error(
        { err: error, incidentId: key.incidentId, kind: followed.kind, retryMs: this.retryMs },
        'projection write failed',
      );
      if (!document.isDestroyed) this.schedule(followed, this.retryMs);
    }
  }
}

/**
 * What people wrote in a postmortem, section by section. The template's headings are left out,
 * or every postmortem would match a search for "impact" or "summary".
 */
export function postmortemText(document: Y.Doc): string {
  return storableText(
    readPostmortemSections(document)
      .flatMap((section) => [TEMPLATE_TITLES.has(section.title) ? '' : section.title, section.text])
      .filter((part) => part.length > 0)
      .join('\n\n'),
  );
}

function isEntry(entry: DocumentEntry | null): entry is DocumentEntry {
  return entry !== null;
}
