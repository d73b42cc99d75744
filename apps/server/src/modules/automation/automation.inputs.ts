import type { Criticality, DataKind, Platform } from '@keel/domain';
import { Field, ID, InputType } from 'type-graphql';
import { CriticalityEnum, DataKindEnum, PlatformEnum } from '../../graphql/enums.js';

/** Everything a catalog entry records. */
@InputType('AutomationInput')
export class AutomationInput {
  @Field(() => String)
  name!: string;

  @Field(() => PlatformEnum)
  platform!: Platform;

  @Field(() => String, { nullable: true, description: 'An http(s) link to it on its platform.' })
  externalUrl?: string | null;

  @Field(() => ID, { nullable: true })
  ownerTeamId?: string | null;

  @Field(() => String)
  businessProcess!: string;

  @Field(() => CriticalityEnum)
  criticality!: Criticality;

  @Field(() => [DataKindEnum], { nullable: true })
  dataKinds?: DataKind[] | null;
}

/** Narrows the catalog. */
@InputType('AutomationFilter')
export class AutomationFilter {
  @Field(() => [PlatformEnum], { nullable: true })
  platforms?: Platform[] | null;

  @Field(() => [CriticalityEnum], { nullable: true })
  criticalities?: Criticality[] | null;

  @Field(() => ID, { nullable: true })
  ownerTeamId?: string | null;

  @Field(() => String, { nullable: true, description: 'Text in the name or business process.' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived entries.' })
  includeArchived?: boolean | null;
}
