import {
  CRITICALITIES,
  DATA_KINDS,
  DETECTION_SOURCES,
  INCIDENT_ROLES,
  INCIDENT_STATUSES,
  MEMBERSHIP_ROLES,
  PLATFORMS,
  PRIORITIES,
  RISK_APPETITES,
  SEVERITIES,
  TOKEN_SCOPES,
} from '@keel/domain';
import { registerEnumType } from 'type-graphql';

/** Turns a value list into the object map type-graphql registers as an enum, and registers it. */
export function enumOf<T extends string>(values: readonly T[], name: string, description: string) {
  const map = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(map, { name, description });
  return map;
}

/** GraphQL enum `IncidentStatus`. */
export const IncidentStatusEnum = enumOf(
  INCIDENT_STATUSES,
  'IncidentStatus',
  'Where an incident stands in its lifecycle.',
);
/** GraphQL enum `Severity`. */
export const SeverityEnum = enumOf(
  SEVERITIES,
  'Severity',
  'Technical and customer impact; SEV1 is the worst.',
);
/** GraphQL enum `Priority`. */
export const PriorityEnum = enumOf(
  PRIORITIES,
  'Priority',
  'Response urgency from business-impact scoring; P1 is the most urgent.',
);
/** GraphQL enum `DetectionSource`. */
export const DetectionSourceEnum = enumOf(
  DETECTION_SOURCES,
  'DetectionSource',
  'How the failure was noticed.',
);
/** GraphQL enum `IncidentRole`. */
export const IncidentRoleEnum = enumOf(
  INCIDENT_ROLES,
  'IncidentRole',
  'A responsibility in an incident, held by one person at a time.',
);
/** GraphQL enum `Platform`. */
export const PlatformEnum = enumOf(
  PLATFORMS,
  'Platform',
  'The no-code platform an automation runs on.',
);
/** GraphQL enum `Criticality`. */
export const CriticalityEnum = enumOf(
  CRITICALITIES,
  'Criticality',
  'How much the business depends on an automation.',
);
/** GraphQL enum `DataKind`. */
export const DataKindEnum = enumOf(DATA_KINDS, 'DataKind', 'A kind of data an automation touches.');
/** GraphQL enum `MembershipRole`. */
export const MembershipRoleEnum = enumOf(
  MEMBERSHIP_ROLES,
  'MembershipRole',
  'What a member may do: read, respond to incidents, or administer the organisation.',
);
/** GraphQL enum `TokenScope`. */
export const TokenScopeEnum = enumOf(
  TOKEN_SCOPES,
  'TokenScope',
  'What an API token may do: read, write, or administer.',
);
/** GraphQL enum `RiskAppetite`. */
export const RiskAppetiteEnum = enumOf(
  RISK_APPETITES,
  'RiskAppetite',
  "How much risk a department accepts before an incident's priority rises.",
);
