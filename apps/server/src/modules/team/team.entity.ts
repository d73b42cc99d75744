import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { RISK_APPETITES, type RiskAppetite } from '@keel/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { RiskAppetiteEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node-interface.js';
import { toGlobalId } from '../../ids.js';
import { Organization } from '../account/organization.entity.js';

/** A department or team that owns automations; its risk appetite weighs incident priority. */
@Entity({ tableName: 'team' })
@Unique({ properties: ['organization', 'name'] })
@ObjectType('Team', {
  simpleResolvers: true,
  implements: Node,
  description: 'A department that owns automations.',
})
export class Team extends BaseEntity<'riskAppetite'> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => RiskAppetiteEnum)
  @Enum({ items: () => [...RISK_APPETITES], type: 'string' })
  riskAppetite: RiskAppetite = 'BALANCED';

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Team', this.id);
  }
}
