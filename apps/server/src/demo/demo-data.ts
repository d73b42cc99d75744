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

const HOUR_MS = 60 * 60 * 1000;

/** A time some hours before the demo is created. */
function hoursAgo(hours: number): Date {
  return new Date(Date.now() - hours * HOUR_MS);
}

/** One person of the demo organisation; `key` is how the stories below name them. */
interface DemoPerson {
  key: string;
  name: string;
  email: string;
  role: MembershipRole;
}

/** People in every membership role. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'ada', name: 'Ada Okafor', email: 'ada@northwind.example', role: 'ADMIN' },
  { key: 'ben', name: 'Ben Laurent', email: 'ben@northwind.example', role: 'RESPONDER' },
  { key: 'chloe', name: 'Chloé Martin', email: 'chloe@northwind.example', role: 'RESPONDER' },
  { key: 'dev', name: 'Dev Patel', email: 'dev@northwind.example', role: 'RESPONDER' },
  { key: 'emma', name: 'Emma Schulz', email: 'emma@northwind.example', role: 'VIEWER' },
];

/** Departments, with how much risk each accepts. */
export const DEMO_TEAMS: { name: string; riskAppetite: RiskAppetite }[] = [
  { name: 'E-commerce Operations', riskAppetite: 'CAUTIOUS' },
  { name: 'Finance', riskAppetite: 'AVERSE' },
  { name: 'Customer Support', riskAppetite: 'BALANCED' },
  { name: 'Marketing', riskAppetite: 'TOLERANT' },
  { name: 'Data & Integrations', riskAppetite: 'BALANCED' },
  { name: 'Platform Security', riskAppetite: 'AVERSE' },
];

interface DemoAutomation {
  name: string;
  platform: Platform;
  externalUrl: string;
  ownerTeam: string;
  businessProcess: string;
  criticality: Criticality;
  dataKinds: DataKind[];
}

/** The catalog of a retailer that runs on no-code tools. */
export const DEMO_AUTOMATIONS: DemoAutomation[] = [
  {
    name: 'Shopify orders → NetSuite invoices',
    platform: 'ZAPIER',
    externalUrl: 'https://zapier.example/app/zaps/1041',
    ownerTeam: 'Finance',
    businessProcess: 'Order to cash',
    criticality: 'CRITICAL',
    dataKinds: ['ORDERS', 'FINANCIAL', 'CUSTOMER_PII'],
  },
  {
    name: 'Stripe refunds → customer email',
    platform: 'MAKE',
    externalUrl: 'https://make.example/scenarios/2210',
    ownerTeam: 'Customer Support',
    businessProcess: 'Refunds',
    criticality: 'HIGH',
    dataKinds: ['PAYMENT', 'CUSTOMER_PII'],
  },
  {
    name: 'Inventory sync: warehouse → storefront',
    platform: 'N8N',
    externalUrl: 'https://n8n.example/workflow/77',
    ownerTeam: 'E-commerce Operations',
    businessProcess: 'Stock availability',
    criticality: 'CRITICAL',
    dataKinds: ['INVENTORY'],
  },
  {
    name: 'Abandoned cart reminders',
    platform: 'ZAPIER',
    externalUrl: 'https://zapier.example/app/zaps/1187',
    ownerTeam: 'Marketing',
    businessProcess: 'Cart recovery',
    criticality: 'MEDIUM',
    dataKinds: ['MARKETING', 'CUSTOMER_PII'],
  },
  {
    name: 'Supplier purchase-order approvals',
    platform: 'POWER_AUTOMATE',
    externalUrl: 'https://flow.example/flows/po-approvals',
    ownerTeam: 'Finance',
    businessProcess: 'Procure to pay',
    criticality: 'HIGH',
    dataKinds: ['FINANCIAL'],
  },
  {
    name: 'Returns tracker base',
    platform: 'AIRTABLE',
    externalUrl: 'https://airtable.example/appReturns',
    ownerTeam: 'Customer Support',
    businessProcess: 'Returns handling',
    criticality: 'MEDIUM',
    dataKinds: ['ORDERS', 'CUSTOMER_PII'],
  },
  {
    name: 'Wholesale partner portal',
    platform: 'BUBBLE',
    externalUrl: 'https://bubble.example/northwind-wholesale',
    ownerTeam: 'E-commerce Operations',
    businessProcess: 'Wholesale ordering',
    criticality: 'HIGH',
    dataKinds: ['ORDERS', 'FINANCIAL'],
  },
  {
    name: 'Lead routing to account managers',
    platform: 'SALESFORCE_FLOW',
    externalUrl: 'https://salesforce.example/flows/lead-routing',
    ownerTeam: 'Marketing',
    businessProcess: 'B2B sales pipeline',
    criticality: 'MEDIUM',
    dataKinds: ['CUSTOMER_PII', 'MARKETING'],
  },
  {
    name: 'Payroll export to bank',
    platform: 'MAKE',
    externalUrl: 'https://make.example/scenarios/3302',
    ownerTeam: 'Finance',
    businessProcess: 'Payroll',
    criticality: 'CRITICAL',
    dataKinds: ['EMPLOYEE', 'FINANCIAL'],
  },
  {
    name: 'Support ticket triage',
    platform: 'ZAPIER',
    externalUrl: 'https://zapier.example/app/zaps/1320',
    ownerTeam: 'Customer Support',
    businessProcess: 'Customer support',
    criticality: 'MEDIUM',
    dataKinds: ['CUSTOMER_PII'],
  },
  {
    name: 'Nightly sales warehouse load',
    platform: 'N8N',
    externalUrl: 'https://n8n.example/workflow/91',
    ownerTeam: 'Data & Integrations',
    businessProcess: 'Sales reporting',
    criticality: 'LOW',
    dataKinds: ['ORDERS', 'FINANCIAL'],
  },
  {
    name: 'Contractor offboarding: revoke app access',
    platform: 'POWER_AUTOMATE',
    externalUrl: 'https://flow.example/flows/offboarding',
    ownerTeam: 'Platform Security',
    businessProcess: 'Access management',
    criticality: 'HIGH',
    dataKinds: ['EMPLOYEE', 'CREDENTIALS'],
  },
];

/** One thing a person does to a demo incident after declaring it. */
type DemoStep =
  | { kind: 'priority'; by: string; priority: Priority }
  | { kind: 'scope'; by: string; description: string }
  | { kind: 'role'; by: string; role: IncidentRole; holder: string; handoffNote?: string }
  | { kind: 'transition'; by: string; to: IncidentStatus; note?: string };

interface DemoIncident {
  declaredBy: string;
  declare: {
    title: string;
    summary: string;
    severity: Severity;
    detectionSource: DetectionSource;
    detectedAt: Date;
    startedAt: Date | null;
  };
  automations: string[];
  steps: DemoStep[];
}

/** Incidents at several points of the lifecycle. */
export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    declaredBy: 'ben',
    declare: {
      title: 'Orders since 09:10 have no NetSuite invoice',
      summary:
        'The Shopify → NetSuite zap fails with "401 invalid token" after the NetSuite ' +
        'integration role was rotated. Orders are taken but not invoiced.',
      severity: 'SEV1',
      detectionSource: 'AUTOMATION_DASHBOARD',
      detectedAt: hoursAgo(3),
      startedAt: hoursAgo(4),
    },
    automations: ['Shopify orders → NetSuite invoices'],
    steps: [
      { kind: 'role', by: 'ben', role: 'INCIDENT_LEAD', holder: 'ben' },
      { kind: 'role', by: 'ben', role: 'TECHNICAL_RESOLVER', holder: 'dev' },
      { kind: 'role', by: 'ben', role: 'BUSINESS_LIAISON', holder: 'chloe' },
      { kind: 'priority', by: 'ben', priority: 'P1' },
      {
        kind: 'scope',
        by: 'chloe',
        description:
          '212 orders without invoices; revenue recognition for today blocked; no customer ' +
          'impact yet.',
      },
      { kind: 'transition', by: 'ben', to: 'TRIAGED' },
      {
        kind: 'transition',
        by: 'dev',
        to: 'CONTAINED',
        note: 'Zap paused; new orders queue in Shopify until the token is renewed.',
      },
    ],
  },
  {
    declaredBy: 'chloe',
    declare: {
      title: 'Storefront shows items in stock that the warehouse has sold out',
      summary:
        'Inventory sync stopped writing after the warehouse API started paginating; the ' +
        'storefront keeps yesterday’s counts.',
      severity: 'SEV2',
      detectionSource: 'USER_REPORT',
      detectedAt: hoursAgo(1),
      startedAt: null,
    },
    automations: ['Inventory sync: warehouse → storefront'],
    steps: [{ kind: 'role', by: 'chloe', role: 'INCIDENT_LEAD', holder: 'chloe' }],
  },
  {
    declaredBy: 'dev',
    declare: {
      title: 'Refund confirmation emails sent twice',
      summary: 'A retry setting in the refunds scenario re-ran completed executions.',
      severity: 'SEV3',
      detectionSource: 'USER_REPORT',
      detectedAt: hoursAgo(30),
      startedAt: hoursAgo(32),
    },
    automations: ['Stripe refunds → customer email'],
    steps: [
      { kind: 'role', by: 'dev', role: 'INCIDENT_LEAD', holder: 'dev' },
      { kind: 'priority', by: 'dev', priority: 'P3' },
      {
        kind: 'scope',
        by: 'dev',
        description: 'About 40 customers received two emails; no double refunds were issued.',
      },
      { kind: 'transition', by: 'dev', to: 'TRIAGED' },
      { kind: 'transition', by: 'dev', to: 'RECOVERING', note: 'Retries disabled.' },
      {
        kind: 'role',
        by: 'dev',
        role: 'INCIDENT_LEAD',
        holder: 'ben',
        handoffNote: 'Fix is live; apology email drafted, waiting for support sign-off.',
      },
      { kind: 'transition', by: 'ben', to: 'RESOLVED', note: 'Apology sent; no repeats in 24 h.' },
    ],
  },
  {
    declaredBy: 'ben',
    declare: {
      title: 'Offboarded contractor kept access to the returns base',
      summary: 'The offboarding flow skipped Airtable because its connector had expired.',
      severity: 'SEV2',
      detectionSource: 'MONITORING',
      detectedAt: hoursAgo(72),
      startedAt: hoursAgo(120),
    },
    automations: ['Contractor offboarding: revoke app access', 'Returns tracker base'],
    steps: [
      { kind: 'role', by: 'ben', role: 'INCIDENT_LEAD', holder: 'ben' },
      { kind: 'role', by: 'ben', role: 'COMMUNICATIONS_MANAGER', holder: 'chloe' },
      { kind: 'priority', by: 'ben', priority: 'P2' },
      {
        kind: 'scope',
        by: 'ada',
        description: 'One former contractor; audit log shows no access after their last day.',
      },
      { kind: 'transition', by: 'ben', to: 'TRIAGED' },
      { kind: 'transition', by: 'ben', to: 'CONTAINED', note: 'Access removed by hand.' },
      { kind: 'transition', by: 'ben', to: 'RESOLVED', note: 'Connector re-authorised.' },
      { kind: 'transition', by: 'ada', to: 'CLOSED', note: 'Postmortem reviewed.' },
    ],
  },
  {
    declaredBy: 'chloe',
    declare: {
      title: 'Cart reminder zap paused by Zapier task quota',
      summary: 'Looked like an outage; the monthly task quota had been reached.',
      severity: 'SEV4',
      detectionSource: 'PLATFORM_LOG',
      detectedAt: hoursAgo(50),
      startedAt: null,
    },
    automations: ['Abandoned cart reminders'],
    steps: [
      {
        kind: 'transition',
        by: 'chloe',
        to: 'CANCELLED',
        note: 'Not a failure: quota raised by marketing, reminders resumed.',
      },
    ],
  },
];
