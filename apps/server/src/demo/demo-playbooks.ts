import type {
  IncidentRole,
  PlaybookCheck,
  PlaybookDocument,
  PlaybookModule,
  PlaybookStep,
} from '@keel/domain';

/**
 * The demo organisation's playbooks, one per failure pattern its catalog is exposed to. Team
 * references are by name here and become ids when seeded.
 */

/** A playbook of the demo, with the people who publish it through a change request. */
export interface DemoPlaybook {
  /** Opens the change request. */
  author: string;
  /** Approves it; a member of the owner team (and an admin for high-risk playbooks). */
  approver: string;
  build(teamId: (name: string) => string): PlaybookDocument;
}

/** Who belongs to which team, so approvals by team mean something in the demo. */
export const DEMO_TEAM_MEMBERS: Record<string, string[]> = {
  'E-commerce Operations': ['ben', 'chloe'],
  Finance: ['chloe'],
  'Customer Support': ['ben'],
  'Data & Integrations': ['dev'],
  'Platform Security': ['ada'],
};

function step(
  id: string,
  title: string,
  role: IncidentRole,
  expectedMinutes: number,
  requiredArtifacts: string[] = [],
  detail = '',
): PlaybookStep {
  return { id, title, detail, role, requiredArtifacts, expectedMinutes };
}

function check(id: string, description: string): PlaybookCheck {
  return { id, description };
}

function module(fields: Partial<PlaybookModule> & Pick<PlaybookModule, 'id' | 'title'>) {
  return {
    purpose: '',
    steps: [],
    gates: [],
    rollback: [],
    integrityChecks: [],
    verificationTests: [],
    escalations: [],
    complianceNotes: '',
    ...fields,
  } satisfies PlaybookModule;
}

/**
 * The decision every no-code failure reaches once the damage is understood: repair the
 * automation where it runs, route the process through another workflow, or switch it off.
 */
function standardGate(prefix: string) {
  return {
    id: 'stop-the-damage',
    question: 'How do we stop the damage?',
    options: [
      { id: 'fix', label: 'Fix in place', nextModuleId: `${prefix}-fix` },
      { id: 'rewire', label: 'Rewire the workflow', nextModuleId: `${prefix}-rewire` },
      {
        id: 'disable',
        label: 'Disable the automation until review',
        nextModuleId: `${prefix}-off`,
      },
    ],
  };
}

export const DEMO_PLAYBOOKS: DemoPlaybook[] = [
  {
    author: 'ben',
    approver: 'chloe',
    build: (teamId) => ({
      title: 'Payment flow halted',
      summary:
        'An automation that takes, captures or reconciles payments has stopped, so orders ' +
        'are not charged or invoices not sent.',
      ownerTeamId: teamId('E-commerce Operations'),
      triggers: { platforms: ['ZAPIER', 'MAKE'], failureKinds: ['PAYMENT_FLOW_HALTED'] },
      reviewIntervalDays: 90,
      entryModuleId: 'triage',
      modules: [
        module({
          id: 'triage',
          title: 'Triage',
          purpose: 'Know which payments stopped, since when, and what that costs per hour.',
          steps: [
            step('open-run-history', 'Open the failing run history', 'TECHNICAL_RESOLVER', 10),
            step('export-orders', 'Export the affected orders', 'TECHNICAL_RESOLVER', 20, [
              'Export of affected records',
            ]),
            step('estimate-revenue', 'Estimate revenue held up per hour', 'BUSINESS_LIAISON', 15),
            step('warn-support', 'Warn customer support', 'COMMUNICATIONS_MANAGER', 10),
          ],
          gates: [standardGate('payment')],
          escalations: [
            {
              id: 'finance-after-an-hour',
              specialistTeamId: teamId('Finance'),
              afterMinutes: 60,
              atSeverity: 'SEV1',
              note: 'Finance decides on manual capture once an hour of orders is held up.',
            },
          ],
        }),
        module({
          id: 'payment-fix',
          title: 'Fix in place',
          steps: [
            step(
              'correct-step',
              'Correct the failing step and replay one order',
              'TECHNICAL_RESOLVER',
              30,
            ),
            step(
              'replay-held',
              'Replay the held orders in batches of 50',
              'TECHNICAL_RESOLVER',
              45,
            ),
          ],
          rollback: [
            { id: 'restore-version', instruction: 'Restore the previous published version.' },
          ],
          integrityChecks: [
            check('totals-match', 'Captured totals match the payment processor for the window.'),
            check('no-double-charge', 'No order was charged twice.'),
          ],
          verificationTests: [
            check('test-order', 'A test order is charged and reaches the ledger.'),
          ],
          complianceNotes:
            'Card data stays with the processor; exports carry order ids and amounts only.',
        }),
        module({
          id: 'payment-rewire',
          title: 'Rewire the workflow',
          steps: [
            step(
              'switch-backup',
              'Route checkout through the backup scenario',
              'TECHNICAL_RESOLVER',
              30,
            ),
          ],
          rollback: [
            { id: 'switch-back', instruction: 'Point checkout at the original flow again.' },
          ],
          integrityChecks: [check('no-gap', 'No order fell between the two flows.')],
          verificationTests: [check('backup-order', 'A test order succeeds through the backup.')],
          complianceNotes: 'The backup flow must use the same processor account and data scope.',
        }),
        module({
          id: 'payment-off',
          title: 'Disable until review',
          steps: [
            step('turn-off', 'Turn the automation off', 'TECHNICAL_RESOLVER', 5),
            step(
              'manual-capture',
              'Capture payments by hand from the export',
              'BUSINESS_LIAISON',
              60,
              ['List of manually captured orders'],
            ),
          ],
          integrityChecks: [
            check('manual-complete', 'Every exported order is captured or voided.'),
          ],
          verificationTests: [check('queue-empty', 'The payment queue is empty.')],
          complianceNotes: 'Manual capture lists are deleted once reconciled.',
        }),
      ],
    }),
  },
  {
    author: 'dev',
    approver: 'ada',
    build: (teamId) => ({
      title: 'Connector exposing data',
      summary:
        'A connector or shared connection gives an automation (or a person) access it should ' +
        'not have, or its authorisation expired and someone re-granted too much.',
      ownerTeamId: teamId('Platform Security'),
      triggers: {
        platforms: ['POWER_AUTOMATE', 'ZAPIER', 'MAKE'],
        failureKinds: ['ACCESS_CONTROL_VIOLATION', 'CONNECTOR_AUTHORISATION_EXPIRED'],
      },
      reviewIntervalDays: 60,
      entryModuleId: 'contain',
      modules: [
        module({
          id: 'contain',
          title: 'Contain',
          purpose: 'Stop further access before anything else.',
          steps: [
            step('revoke-connection', 'Revoke the connection or token', 'TECHNICAL_RESOLVER', 10),
            step(
              'list-access',
              'List what the connection could read and write',
              'TECHNICAL_RESOLVER',
              30,
              ['Access log for the exposure window'],
            ),
            step('inform-dpo', 'Inform the data protection officer', 'INCIDENT_LEAD', 15),
          ],
          gates: [
            {
              id: 'personal-data',
              question: 'Was personal data exposed?',
              options: [
                { id: 'yes', label: 'Yes', nextModuleId: 'notify' },
                { id: 'no', label: 'No', nextModuleId: 'reconnect' },
              ],
            },
          ],
          escalations: [
            {
              id: 'security-now',
              specialistTeamId: teamId('Platform Security'),
              afterMinutes: null,
              atSeverity: 'SEV2',
              note: 'Security leads any exposure at SEV2 or worse.',
            },
          ],
          complianceNotes:
            'Preserve logs before revoking where the platform allows it; they are evidence.',
        }),
        module({
          id: 'notify',
          title: 'Assess notification duty',
          steps: [
            step(
              'assess-72h',
              'Decide on regulator notification within 72 hours',
              'INCIDENT_LEAD',
              60,
            ),
          ],
          gates: [
            {
              id: 'after-notice',
              question: 'Notification decided; reconnect the automation?',
              options: [
                {
                  id: 'reconnect',
                  label: 'Reconnect with least privilege',
                  nextModuleId: 'reconnect',
                },
                { id: 'retire', label: 'Retire the automation', nextModuleId: 'retire' },
              ],
            },
          ],
          complianceNotes: 'Record the notification decision and its reasoning in the timeline.',
        }),
        module({
          id: 'reconnect',
          title: 'Reconnect with least privilege',
          steps: [
            step(
              'new-service-account',
              'Create a service account with only the scopes needed',
              'TECHNICAL_RESOLVER',
              30,
            ),
          ],
          rollback: [{ id: 'disable-again', instruction: 'Disable the new connection.' }],
          verificationTests: [
            check('scopes-listed', 'The granted scopes match the documented need.'),
          ],
        }),
        module({
          id: 'retire',
          title: 'Retire the automation',
          steps: [
            step('archive', 'Archive the automation and its connections', 'TECHNICAL_RESOLVER', 20),
          ],
          verificationTests: [check('no-connections', 'No connection of the automation remains.')],
        }),
      ],
    }),
  },
  {
    author: 'ben',
    approver: 'dev',
    build: (teamId) => ({
      title: 'CRM sync writing bad data',
      summary:
        'A sync between the shop, the CRM or a base writes wrong, duplicated or partial ' +
        'records, often after a connected app changed its fields.',
      ownerTeamId: teamId('Data & Integrations'),
      triggers: {
        platforms: ['N8N', 'SALESFORCE_FLOW', 'AIRTABLE'],
        failureKinds: ['BROKEN_DATA_PIPELINE', 'SCHEMA_DRIFT'],
      },
      reviewIntervalDays: 120,
      entryModuleId: 'scope',
      modules: [
        module({
          id: 'scope',
          title: 'Scope the damage',
          steps: [
            step('pause-sync', 'Pause the sync', 'TECHNICAL_RESOLVER', 5),
            step('find-window', 'Find the first bad write', 'TECHNICAL_RESOLVER', 30, [
              'Query of records written in the window',
            ]),
            step('tell-owners', 'Tell the teams that use the records', 'BUSINESS_LIAISON', 15),
          ],
          gates: [standardGate('sync')],
          complianceNotes: 'Working copies of customer records stay in the company workspace.',
        }),
        module({
          id: 'sync-fix',
          title: 'Fix the mapping',
          steps: [step('map-fields', 'Map the changed fields again', 'TECHNICAL_RESOLVER', 40)],
          rollback: [{ id: 'old-mapping', instruction: 'Restore the saved mapping.' }],
          integrityChecks: [check('counts', 'Record counts match on both sides.')],
          verificationTests: [check('sample', 'Twenty sampled records match field by field.')],
        }),
        module({
          id: 'sync-rewire',
          title: 'Rebuild from the source of truth',
          steps: [step('full-resync', 'Run a full resync from the shop', 'TECHNICAL_RESOLVER', 90)],
          integrityChecks: [check('no-duplicates', 'No duplicate customer records.')],
          verificationTests: [check('sample-rebuilt', 'Twenty sampled records match.')],
        }),
        module({
          id: 'sync-off',
          title: 'Keep the sync off',
          steps: [
            step('announce-manual', 'Announce the manual process', 'COMMUNICATIONS_MANAGER', 15),
          ],
          verificationTests: [check('manual-owner', 'Someone owns the manual process each day.')],
        }),
      ],
    }),
  },
];

/** Adds a data-integrity check to a playbook: the content of the demo's open change request. */
export function withDuplicateCheck(document: PlaybookDocument): PlaybookDocument {
  const next = structuredClone(document);
  const fix = next.modules.find((candidate) => candidate.id === 'sync-fix');
  fix?.integrityChecks.push(
    check('no-orphans', 'No CRM contact points to an order that does not exist.'),
  );
  return next;
}

/** Adds a step to a playbook: the content of the demo's merged change request. */
export function withStatusBanner(document: PlaybookDocument): PlaybookDocument {
  const next = structuredClone(document);
  next.modules[0]!.steps.push(
    step('status-banner', 'Show a checkout delay banner', 'COMMUNICATIONS_MANAGER', 10),
  );
  return next;
}
