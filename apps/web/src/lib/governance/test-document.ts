/** A small valid playbook for the governance specs: triage, then fix or disable. */
import type { PlaybookDocument, PlaybookModule } from '@keel/domain';

function module(id: string, title: string, fields: Partial<PlaybookModule> = {}): PlaybookModule {
  return {
    id,
    title,
    purpose: '',
    steps: [],
    gates: [],
    rollback: [],
    integrityChecks: [],
    verificationTests: [],
    escalations: [],
    complianceNotes: '',
    ...fields,
  };
}

/** A fresh copy each call, so a spec may change it freely. */
export function sampleDocument(): PlaybookDocument {
  return {
    title: 'Payment flow halted',
    summary: 'Checkout stopped taking payments.',
    ownerTeamId: 'team-ops',
    triggers: { platforms: ['ZAPIER'], failureKinds: ['PAYMENT_FLOW_HALTED'] },
    reviewIntervalDays: 90,
    entryModuleId: 'triage',
    modules: [
      module('triage', 'Triage', {
        complianceNotes: 'Exports hold order ids only.',
        steps: [
          {
            id: 'export-records',
            title: 'Export the affected orders',
            detail: '',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: ['Export of affected records'],
            expectedMinutes: 20,
          },
          {
            id: 'notify-support',
            title: 'Warn customer support',
            detail: '',
            role: 'COMMUNICATIONS_MANAGER',
            requiredArtifacts: [],
            expectedMinutes: 10,
          },
        ],
        gates: [
          {
            id: 'how-to-recover',
            question: 'Can the flow be fixed in place?',
            options: [
              { id: 'fix', label: 'Yes, fix it', nextModuleId: 'fix' },
              { id: 'disable', label: 'No, disable it', nextModuleId: 'disable' },
            ],
          },
        ],
      }),
      module('fix', 'Fix in place', {
        steps: [
          {
            id: 'apply-fix',
            title: 'Apply the fix',
            detail: '',
            role: 'TECHNICAL_RESOLVER',
            requiredArtifacts: [],
            expectedMinutes: 30,
          },
        ],
      }),
      module('disable', 'Disable the automation'),
    ],
  };
}
