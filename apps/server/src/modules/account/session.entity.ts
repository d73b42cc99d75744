import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

/**
 * A signed-in browser. The cookie holds a random secret; only its SHA-256 is stored, so a copy of
 * the database cannot be replayed as sessions.
 */
@Entity({ tableName: 'session' })
export class Session extends BaseEntity {
  @Unique()
  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  /** The organisation this session works in; the user picks it at sign-in or switches later. */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @Index()
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
