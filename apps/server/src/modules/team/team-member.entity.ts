import { Entity, Index, ManyToOne, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { Organization } from '../account/organization.entity.js';
import { User } from '../account/user.entity.js';
import { Team } from './team.entity.js';

/**
 * A person's place in a team. Approval policies name teams ("one approval from security"), so
 * who belongs to which team decides whose approval counts.
 */
@Entity({ tableName: 'team_member' })
@Unique({ properties: ['team', 'user'] })
export class TeamMember extends BaseEntity {
  @Index()
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @ManyToOne(() => Team, { deleteRule: 'cascade' })
  team!: Team;

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;
}
