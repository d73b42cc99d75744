/**
 * Realistic documents for the playbook specs. Each call builds a fresh copy, so a test may change
 * what it gets without affecting any other test. Not exported from the package.
 */

import { isJsonObject, itemKey, splitPath } from './diff.js';
import type { ApprovalPolicyDocument, PlaybookDocument } from './document.js';

/**
 * "Payment flow halted": triage decides whether to contain the flow or disable it at once;
 * contain ends in the standard remedy gate (fix in place / rewire the workflow / disable the
 * automation until review); fix goes on to replay the held orders, or loops back to contain
 * ("retry") when its test payment fails.
 *
 * Compliance notes sit on contain and disable, so every way to a final module (rewire, replay,
 * disable) passes notes: triage → disable through disable's own, the rest through contain.
 */
export function paymentFlowPlaybook(): PlaybookDocument {
  return {
    title: 'Payment flow halted',
    summary:
      'Checkout payments stop reaching the payment provider, or orders are created without a ' +
      'charge. Use when the order-to-invoice automation has failed or is charging twice.',
    ownerTeamId: 'team-finance-ops',
    triggers: {
      platforms: ['ZAPIER', 'MAKE'],
      failureKinds: ['PAYMENT_FLOW_HALTED'],
    },
    reviewIntervalDays: 90,
    entryModuleId: 'triage',
    modules: [
      {
        id: 'triage',
        title: 'Triage',
        purpose: 'Find out whether money is being lost or taken twice, and how many orders.',
        steps: [
          {
            id: 'confirm-halt',
            title: 'Confirm that payments have stopped',
            detail: 'Compare the last successful charge in the provider with the newest order.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['Screenshot of the last successful run'],
            expectedMinutes: 10,
          },
          {
            id: 'scope-orders',
            title: 'Count the affected orders',
            detail: '',
            role: 'BUSINESS_LIAISON',
            requiredArtifacts: [],
            expectedMinutes: 15,
          },
        ],
        gates: [
          {
            id: 'double-charge',
            question: 'Are customers being charged twice?',
            options: [
              { id: 'no', label: 'No, contain the flow first', nextModuleId: 'contain' },
              { id: 'yes', label: 'Yes, disable the automation now', nextModuleId: 'disable' },
            ],
          },
        ],
        rollback: [],
        integrityChecks: [],
        verificationTests: [],
        escalations: [
          {
            id: 'finance-lead',
            specialistTeamId: 'team-finance-leads',
            afterMinutes: 30,
            atSeverity: 'SEV1',
            note: 'Finance decides whether to pause invoicing.',
          },
        ],
        complianceNotes: '',
      },
      {
        id: 'contain',
        title: 'Contain',
        purpose: 'Stop the damage from growing while the cause is found.',
        steps: [
          {
            id: 'pause-zap',
            title: 'Pause the order-to-invoice automation',
            detail: 'Turn the automation off; queued orders stay in the shop system.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: [],
            expectedMinutes: 5,
          },
          {
            id: 'export-records',
            title: 'Export the affected orders',
            detail: 'Order number, amount and status only.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['Export of affected records'],
            expectedMinutes: 20,
          },
          {
            id: 'notify-support',
            title: 'Tell customer support what to say',
            detail: '',
            role: 'COMMUNICATIONS_MANAGER',
            requiredArtifacts: [],
            expectedMinutes: 15,
          },
        ],
        gates: [
          {
            id: 'remedy',
            question: 'How will the payment flow be restored?',
            options: [
              { id: 'fix', label: 'Fix in place', nextModuleId: 'fix' },
              { id: 'rewire', label: 'Rewire the workflow', nextModuleId: 'rewire' },
              {
                id: 'disable',
                label: 'Disable the automation until review',
                nextModuleId: 'disable',
              },
            ],
          },
        ],
        rollback: [{ id: 'resume-zap', instruction: 'Turn the automation back on.' }],
        integrityChecks: [
          { id: 'no-orphans', description: 'Every exported order has exactly one invoice.' },
        ],
        verificationTests: [],
        escalations: [],
        complianceNotes:
          'Exports must not contain card numbers or customer addresses. Store them only in the ' +
          'finance share and delete them when the incident closes.',
      },
      {
        id: 'fix',
        title: 'Fix in place',
        purpose: 'Repair the failing step without changing the workflow.',
        steps: [
          {
            id: 'reconnect',
            title: 'Reconnect the payment provider',
            detail: 'Renew the connection with the finance service account, never a personal one.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: [],
            expectedMinutes: 15,
          },
          {
            id: 'test-payment',
            title: 'Run a test payment',
            detail: 'Use the provider test card on the staging shop.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['Receipt of the test payment'],
            expectedMinutes: 10,
          },
        ],
        gates: [
          {
            id: 'test-result',
            question: 'Did the test payment go through?',
            options: [
              { id: 'retry', label: 'No, contain again and retry', nextModuleId: 'contain' },
              { id: 'give-up', label: 'No, disable until review', nextModuleId: 'disable' },
              { id: 'passed', label: 'Yes, replay the held orders', nextModuleId: 'replay' },
            ],
          },
        ],
        rollback: [],
        integrityChecks: [],
        verificationTests: [
          { id: 'charge-once', description: 'The test order is charged exactly once.' },
        ],
        escalations: [],
        complianceNotes: '',
      },
      {
        id: 'rewire',
        title: 'Rewire the workflow',
        purpose: 'Route payments through the backup workflow and replay the held orders.',
        steps: [
          {
            id: 'switch-route',
            title: 'Switch orders to the backup workflow',
            detail: '',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: [],
            expectedMinutes: 30,
          },
          {
            id: 'replay-orders',
            title: 'Replay the held orders',
            detail: 'Replay in order of creation; stop at the first failure.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['List of replayed orders'],
            expectedMinutes: 45,
          },
        ],
        gates: [],
        rollback: [{ id: 'route-back', instruction: 'Route orders to the main workflow again.' }],
        integrityChecks: [
          { id: 'totals-match', description: 'Charged totals match the order totals for today.' },
        ],
        verificationTests: [],
        escalations: [],
        complianceNotes: '',
      },
      {
        id: 'replay',
        title: 'Replay held orders',
        purpose: 'Charge the orders that queued while the flow was down.',
        steps: [
          {
            id: 'replay-orders',
            title: 'Replay the held orders',
            detail: 'Replay in order of creation; stop at the first failure.',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['List of replayed orders'],
            expectedMinutes: 45,
          },
        ],
        gates: [],
        rollback: [],
        integrityChecks: [],
        verificationTests: [],
        escalations: [],
        complianceNotes: '',
      },
      {
        id: 'disable',
        title: 'Disable until review',
        purpose: 'Keep the automation off and take payments by hand until it has been reviewed.',
        steps: [
          {
            id: 'manual-invoicing',
            title: 'Switch finance to manual invoicing',
            detail: '',
            role: 'BUSINESS_LIAISON',
            requiredArtifacts: [],
            expectedMinutes: 60,
          },
        ],
        gates: [],
        rollback: [],
        integrityChecks: [],
        verificationTests: [],
        escalations: [
          {
            id: 'automation-owner',
            specialistTeamId: 'team-automation',
            afterMinutes: null,
            atSeverity: 'SEV2',
            note: '',
          },
        ],
        complianceNotes: 'Refunds for double charges go through finance only, never support.',
      },
    ],
  };
}

/** A policy with a security risk validator on high-risk changes. */
export function securityReviewedPolicy(): ApprovalPolicyDocument {
  return {
    rules: [
      {
        riskLevel: 'TEXT_ONLY',
        requirements: [
          { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
        ],
      },
      {
        riskLevel: 'STANDARD',
        requirements: [
          { id: 'owner-team', label: 'Owner team', count: 2, from: { kind: 'OWNER_TEAM' } },
        ],
      },
      {
        riskLevel: 'HIGH',
        requirements: [
          { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
          {
            id: 'risk-validator',
            label: 'Risk validator from security',
            count: 1,
            from: { kind: 'TEAM', teamId: 'team-security' },
          },
          { id: 'admin', label: 'Admin', count: 1, from: { kind: 'ADMIN' } },
        ],
      },
    ],
    emergencyReviewHours: 48,
  };
}

/** Marks a property or list item for removal in {@link edited}. */
export const REMOVE: unique symbol = Symbol('remove');

/**
 * A deep copy of `document` with the value at `path` replaced by `value` (or removed, for
 * {@link REMOVE}). The path is id-based like a diff's: a list segment names the item whose
 * key matches, or `#<index>` or a plain index for a position.
 */
export function edited<T>(document: T, path: string, value: unknown): T {
  const copy: unknown = JSON.parse(JSON.stringify(document));
  const segments = splitPath(path);
  const last = segments.pop();

  if (last === undefined) {
    throw new Error('edited() needs a path below the root.');
  }

  const parent = segments.reduce<unknown>((node, segment) => child(node, segment), copy);

  if (Array.isArray(parent)) {
    const index = indexIn(parent, last);

    if (value === REMOVE) {
      parent.splice(index, 1);
    } else {
      parent[index] = value;
    }
  } else if (isJsonObject(parent)) {
    if (value === REMOVE) {
      delete parent[last];
    } else {
      parent[last] = value;
    }
  } else {
    throw new Error(`Nothing to edit at ${path}.`);
  }

  return copy as T;
}

/** A deep copy of `document` with `item` inserted at `index` of the list at `listPath`. */
export function inserted<T>(document: T, listPath: string, index: number, item: unknown): T {
  const list = valueAt(document, listPath);

  if (!Array.isArray(list)) {
    throw new Error(`No list at ${listPath}.`);
  }

  return edited(document, listPath, [...list.slice(0, index), item, ...list.slice(index)]);
}

/** The value at an id-based path, for assertions. */
export function valueAt(document: unknown, path: string): unknown {
  return splitPath(path).reduce<unknown>((node, segment) => child(node, segment), document);
}

function child(node: unknown, segment: string): unknown {
  if (Array.isArray(node)) {
    return node[indexIn(node, segment)];
  }

  if (isJsonObject(node) && Object.hasOwn(node, segment)) {
    return node[segment];
  }

  throw new Error(`No ${segment} in ${JSON.stringify(node)}.`);
}

function indexIn(list: unknown[], segment: string): number {
  const byKey = list.findIndex((item) => itemKey(item) === segment);

  if (byKey >= 0) {
    return byKey;
  }

  const position = Number(segment.replace(/^#/, ''));

  if (!Number.isInteger(position) || position < 0 || position > list.length) {
    throw new Error(`No item ${segment} in a list of ${list.length}.`);
  }

  return position;
}
