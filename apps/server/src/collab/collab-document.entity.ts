import {
  BigIntType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { DOCUMENT_KINDS, MAX_DOCUMENT_NAME_LENGTH, type DocumentKind } from '@keel/collab';
import { Organization } from '../modules/account/organization.entity.js';
import { Incident } from '../modules/incident/incident.entity.js';

/**
 * A live document that has been opened at least once. Its row is the lock that numbers the
 * document's journal: every append bumps `lastSeq` in the same statement that inserts the update,
 * so numbers are handed out in commit order and a snapshot can never skip an update.
 */
@Entity({ tableName: 'collab_document' })
@Index({ properties: ['organization', 'incident'] })
export class CollabDocument {
  [OptionalProps]?: 'lastSeq' | 'snapshotSeq' | 'createdAt' | 'updatedAt';

  /** The document name, `incident/<uuid>/<kind>`. */
  @PrimaryKey({ type: 'string', length: MAX_DOCUMENT_NAME_LENGTH })
  name!: string;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Incident;

  @Enum({ items: () => [...DOCUMENT_KINDS], type: 'string' })
  kind!: DocumentKind;

  /** Number of the newest journal row; 0 before the first. */
  @Property({ type: new BigIntType('number'), default: 0 })
  lastSeq: number = 0;

  /** Journal rows up to this number are folded into the newest snapshot; 0 when there is none. */
  @Property({ type: new BigIntType('number'), default: 0 })
  snapshotSeq: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** When the last update was appended. */
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
