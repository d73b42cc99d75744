import { BlobType, Embedded, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { MAX_TITLE_LENGTH } from '@keel/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';
import { ActorStamp } from '../actor/actor-stamp.js';
import { Incident } from '../incident/incident.entity.js';

/**
 * A named copy of an incident's postmortem document as it was at one moment, such as
 * "submitted for review". Versions are never changed or deleted: restoring one writes its
 * content into the live document as a new edit, after saving what it replaces as a version of
 * its own.
 */
@Entity({ tableName: 'postmortem_version' })
@Unique({ properties: ['incident', 'number'] })
@ObjectType('PostmortemVersion', {
  simpleResolvers: true,
  implements: Node,
  description: "A named version of an incident's postmortem, as it was when it was saved.",
})
export class PostmortemVersion extends BaseEntity<'automatic'> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => Incident, { deleteRule: 'cascade' })
  incident!: Incident;

  /** 1, 2, 3, … within the incident, in the order versions were saved. */
  @Field(() => Int, { description: '1, 2, 3, … within the incident; newer versions are higher.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String)
  @Property({ type: 'string', length: MAX_TITLE_LENGTH })
  name!: string;

  @Field(() => Boolean, {
    description: 'True for versions Keel saved by itself, before a restore replaced the text.',
  })
  @Property({ type: 'boolean', default: false })
  automatic: boolean = false;

  @Field(() => ActorStamp, { description: 'Who saved it, or whose restore made Keel save it.' })
  @Embedded(() => ActorStamp, { prefix: 'author_' })
  author!: ActorStamp;

  /**
   * `Y.encodeStateAsUpdate` of the whole postmortem document. Lazy: lists never need it, and it
   * can be megabytes.
   */
  @Property({ type: BlobType, lazy: true })
  state!: Buffer;

  @Field(() => String, {
    description: 'The body as plain text, one line per block, headings included.',
  })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('PostmortemVersion', this.id);
  }
}
