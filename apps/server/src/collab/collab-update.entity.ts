import {
  BigIntType,
  BlobType,
  Entity,
  Enum,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import { AUTHOR_KINDS, type AuthorKind } from '@keel/collab';
import { Organization } from '../modules/account/organization.entity.js';
import { CollabDocument } from './collab-document.entity.js';

/**
 * One Yjs update as a client sent it, appended before Hocuspocus applies it, so what a client was
 * told is synced is already stored. Rows are never changed or deleted: they are the document's
 * history of who wrote what, and loading replays those after the newest snapshot.
 */
@Entity({ tableName: 'collab_update' })
export class CollabUpdate {
  [PrimaryKeyProp]?: ['document', 'seq'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => CollabDocument, { primary: true, deleteRule: 'cascade' })
  document!: CollabDocument;

  /** 1, 2, 3, … within the document, in commit order. */
  @PrimaryKey({ type: new BigIntType('number') })
  seq!: number;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** The update in Yjs's v1 encoding, checked with `Y.decodeUpdate` before it was written. */
  @Property({ type: BlobType })
  data!: Buffer;

  @Enum({ items: () => [...AUTHOR_KINDS], type: 'string' })
  authorKind!: AuthorKind;

  /** The user's or token's key; null for Keel itself. */
  @Property({ type: 'uuid', nullable: true })
  authorId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
