import {
  BigIntType,
  BlobType,
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import { Organization } from '../modules/account/organization.entity.js';
import { CollabDocument } from './collab-document.entity.js';

/**
 * A document's whole state as of one journal number, so loading does not replay the journal
 * from the start. Built from stored rows, never from a document in memory, so it holds exactly
 * what was durable.
 */
@Entity({ tableName: 'collab_snapshot' })
export class CollabSnapshot {
  [PrimaryKeyProp]?: ['document', 'upToSeq'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => CollabDocument, { primary: true, deleteRule: 'cascade' })
  document!: CollabDocument;

  /** The journal rows folded in: every one with `seq <= upToSeq`. */
  @PrimaryKey({ type: new BigIntType('number') })
  upToSeq!: number;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** `Y.encodeStateAsUpdate` of the rebuilt document. */
  @Property({ type: BlobType })
  data!: Buffer;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
