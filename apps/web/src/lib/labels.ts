/**
 * Words for the API's enum values, for display only. Status and role names come from
 * `@keel/domain`, which the server uses in its own messages, so both sides say the same.
 */
import { ROLE_LABELS, STATUS_LABELS } from '@keel/domain';
import type {
  Criticality,
  DataKind,
  DetectionSource,
  IncidentRole,
  IncidentStatus,
  MembershipRole,
  Platform,
  Priority,
  RiskAppetite,
  Severity,
} from '@keel/domain';

export { ROLE_LABELS, STATUS_LABELS };

/** Severity with its level spelled out: "SEV1 · Critical". */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  SEV1: 'SEV1 · Critical',
  SEV2: 'SEV2 · Major',
  SEV3: 'SEV3 · Minor',
  SEV4: 'SEV4 · Low',
};

/** Priority with its meaning: "P1 · Now". */
export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  P1: 'P1 · Respond now',
  P2: 'P2 · Within hours',
  P3: 'P3 · Within days',
  P4: 'P4 · When convenient',
};

/** How the failure was noticed. */
export const DETECTION_SOURCE_LABELS: Readonly<Record<DetectionSource, string>> = {
  PLATFORM_LOG: 'Platform log or error email',
  AUTOMATION_DASHBOARD: 'Automation dashboard',
  USER_REPORT: 'Reported by a person',
  MONITORING: 'Monitoring alert',
  OTHER: 'Other',
};

/** Platform names as their vendors write them. */
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  ZAPIER: 'Zapier',
  MAKE: 'Make',
  N8N: 'n8n',
  POWER_AUTOMATE: 'Power Automate',
  AIRTABLE: 'Airtable',
  BUBBLE: 'Bubble',
  SALESFORCE_FLOW: 'Salesforce Flow',
  OTHER: 'Other platform',
};

/** How much the business depends on an automation. */
export const CRITICALITY_LABELS: Readonly<Record<Criticality, string>> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
};

/** Kinds of data an automation touches. */
export const DATA_KIND_LABELS: Readonly<Record<DataKind, string>> = {
  CUSTOMER_PII: 'Customer personal data',
  PAYMENT: 'Payment data',
  FINANCIAL: 'Financial records',
  INVENTORY: 'Inventory',
  ORDERS: 'Orders',
  MARKETING: 'Marketing',
  EMPLOYEE: 'Employee data',
  CREDENTIALS: 'Credentials',
  OTHER: 'Other data',
};

/** A department's risk appetite. */
export const RISK_APPETITE_LABELS: Readonly<Record<RiskAppetite, string>> = {
  AVERSE: 'Risk-averse',
  CAUTIOUS: 'Cautious',
  BALANCED: 'Balanced',
  TOLERANT: 'Risk-tolerant',
};

/** A member's role in the organisation. */
export const MEMBERSHIP_ROLE_LABELS: Readonly<Record<MembershipRole, string>> = {
  VIEWER: 'Viewer',
  RESPONDER: 'Responder',
  ADMIN: 'Admin',
};

/** The label of a status, for places typed with the generated enum. */
export function statusLabel(status: IncidentStatus): string {
  return STATUS_LABELS[status];
}

/** The label of a role, for places typed with the generated enum. */
export function roleLabel(role: IncidentRole): string {
  return ROLE_LABELS[role];
}
