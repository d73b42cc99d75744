/**
 * The closed vocabularies of Keel. Each is an `as const` array, so the server can register it as
 * a GraphQL enum and the web app can render it as a list, plus the union type derived from it.
 * Where order carries meaning it is stated on the array, and code may rely on it.
 */

/** Where an incident stands in its lifecycle, in the order an incident normally moves. */
export const INCIDENT_STATUSES = [
  'DETECTED',
  'TRIAGED',
  'CONTAINED',
  'RECOVERING',
  'RESOLVED',
  'CLOSED',
  'CANCELLED',
] as const;

/** One of {@link INCIDENT_STATUSES}. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Words for each status as people say them ("The incident is contained"). */
export const STATUS_LABELS: Readonly<Record<IncidentStatus, string>> = {
  DETECTED: 'Detected',
  TRIAGED: 'Triaged',
  CONTAINED: 'Contained',
  RECOVERING: 'Recovering',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
};

/** How bad the technical damage is, worst first: SEV1 is the most severe. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** One line per severity, shown where a responder picks one. */
export const SEVERITY_DESCRIPTIONS: Readonly<Record<Severity, string>> = {
  SEV1: 'Critical automations are down or corrupting data, with no workaround.',
  SEV2: 'An important automation is failing or degraded; a costly workaround exists.',
  SEV3: 'A limited failure with a workable workaround; few people or records are affected.',
  SEV4: 'A minor or cosmetic problem with no real effect on the business.',
};

/**
 * How soon the business needs a response, most urgent first. Severity measures damage; priority
 * is set from the business-impact score (see `scoreImpact`), so the two can differ.
 */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** One of {@link PRIORITIES}. */
export type Priority = (typeof PRIORITIES)[number];

/** How the incident first came to someone's attention. */
export const DETECTION_SOURCES = [
  'PLATFORM_LOG',
  'AUTOMATION_DASHBOARD',
  'USER_REPORT',
  'MONITORING',
  'OTHER',
] as const;

/** One of {@link DETECTION_SOURCES}. */
export type DetectionSource = (typeof DETECTION_SOURCES)[number];

/** The roles a response team fills; each is held by at most one person at a time. */
export const INCIDENT_ROLES = [
  'INCIDENT_LEAD',
  'TECHNICAL_RESOLVER',
  'BUSINESS_LIAISON',
  'COMMUNICATIONS_MANAGER',
] as const;

/** One of {@link INCIDENT_ROLES}. */
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

/** The no-code platforms an automation can run on. */
export const PLATFORMS = [
  'ZAPIER',
  'MAKE',
  'N8N',
  'POWER_AUTOMATE',
  'AIRTABLE',
  'BUBBLE',
  'SALESFORCE_FLOW',
  'OTHER',
] as const;

/** One of {@link PLATFORMS}. */
export type Platform = (typeof PLATFORMS)[number];

/** How much the business depends on an automation, least first. */
export const CRITICALITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** One of {@link CRITICALITIES}. */
export type Criticality = (typeof CRITICALITIES)[number];

/** The kinds of data an automation touches; they decide who must hear about a breach. */
export const DATA_KINDS = [
  'CUSTOMER_PII',
  'PAYMENT',
  'FINANCIAL',
  'INVENTORY',
  'ORDERS',
  'MARKETING',
  'EMPLOYEE',
  'CREDENTIALS',
  'OTHER',
] as const;

/** One of {@link DATA_KINDS}. */
export type DataKind = (typeof DATA_KINDS)[number];

/** A member's role in an organisation, least privileged first. */
export const MEMBERSHIP_ROLES = ['VIEWER', 'RESPONDER', 'ADMIN'] as const;

/** One of {@link MEMBERSHIP_ROLES}. */
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** What an API token may do, least privileged first. */
export const TOKEN_SCOPES = ['READ', 'WRITE', 'ADMIN'] as const;

/** One of {@link TOKEN_SCOPES}. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * How much risk a department accepts, least first. An AVERSE department wants incidents escalated
 * sooner than a TOLERANT one; `scoreImpact` applies it.
 */
export const RISK_APPETITES = ['AVERSE', 'CAUTIOUS', 'BALANCED', 'TOLERANT'] as const;

/** One of {@link RISK_APPETITES}. */
export type RiskAppetite = (typeof RISK_APPETITES)[number];

/**
 * Whether `value` is one of `values`: narrows untrusted input (a query parameter, a stored
 * string) to one of the vocabularies above.
 */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
