import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { FullTextType } from '@mikro-orm/postgresql';
import { Organization } from '../account/organization.entity.js';
import { Incident } from '../incident/incident.entity.js';

/** The text-search configuration postmortems and incidents are indexed and searched with. */
export const SEARCH_CONFIG = 'english';

/**
 * The searchable text of an incident's postmortem, projected from its live document. One row per
 * incident; the tsvector is written alongside the text, by the same statement, so the two never
 * disagree.
 */
@Entity({ tableName: 'postmortem_text' })
@Index({ properties: ['search'], type: 'fulltext' })
@Index({ properties: ['organization'] })
export class PostmortemText {
  @ManyToOne(() => Incident, { primary: true, deleteRule: 'cascade' })
  incident!: Incident;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  /** What people wrote, section by section; the template's own headings are left out. */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: new FullTextType(SEARCH_CONFIG) })
  search!: string;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
