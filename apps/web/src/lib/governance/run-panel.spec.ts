import { describe, expect, it } from 'vitest';
import type { IncidentRole } from '@keel/domain';
import {
  attachChoices,
  attachPreview,
  gateBlocker,
  runView,
  stepBlocker,
  type RawRun,
  type AttachablePlaybook,
  type RunModule,
  type RunStep,
} from './run-panel';
import { sampleDocument } from './test-document';

function step(fields: Partial<RunStep> = {}): RunStep {
  return {
    moduleId: 'triage',
    stepId: 'export',
    title: 'Export the orders',
    detail: '',
    role: 'TECHNICAL_RESOLVER',
    expectedMinutes: 10,
    requiredArtifacts: ['Export'],
    missingArtifacts: [],
    checked: false,
    checkedAt: null,
    checkedBy: null,
    artifacts: [],
    ...fields,
  };
}

const roles = (...held: IncidentRole[]) => new Set(held);

describe('checking steps', () => {
  it('lets the holder of the step’s role or the incident lead check it', () => {
    expect(stepBlocker(step(), roles('TECHNICAL_RESOLVER'))).toBeNull();
    expect(stepBlocker(step(), roles('INCIDENT_LEAD'))).toBeNull();
    expect(stepBlocker(step(), roles('BUSINESS_LIAISON'))).toBe(
      'Only the technical resolver or the incident lead checks this step.',
    );
  });

  it('asks for the missing artifacts first, but lets a checked step be unchecked', () => {
    const missing = step({ missingArtifacts: ['Export'] });

    expect(stepBlocker(missing, roles('TECHNICAL_RESOLVER'))).toBe('Attach first: Export.');
    expect(stepBlocker({ ...missing, checked: true }, roles('TECHNICAL_RESOLVER'))).toBeNull();
  });
});

describe('answering gates', () => {
  const module = { deciderRole: 'TECHNICAL_RESOLVER' } as RunModule;

  it('lets the incident lead or the decider role answer', () => {
    expect(gateBlocker(module, roles('INCIDENT_LEAD'))).toBeNull();
    expect(gateBlocker(module, roles('TECHNICAL_RESOLVER'))).toBeNull();
    expect(gateBlocker(module, roles())).toMatch(/technical resolver/);
    expect(gateBlocker({ deciderRole: null } as RunModule, roles('TECHNICAL_RESOLVER'))).toBe(
      'Only the incident lead decides here.',
    );
  });
});

describe('attaching', () => {
  const playbook = (id: string, fields: Partial<AttachablePlaybook> = {}): AttachablePlaybook => ({
    id,
    title: id,
    status: 'ACTIVE',
    review: { state: 'CURRENT' },
    replacedBy: null,
    currentVersion: { id: `${id}-v1`, number: 1 },
    ...fields,
  });

  it('warns of a deprecated playbook and an overdue review before attaching', () => {
    const old = playbook('old', {
      status: 'DEPRECATED',
      replacedBy: { title: 'New' },
      review: { state: 'OVERDUE' },
    });

    expect(attachPreview(old)).toEqual([
      'Deprecated: “New” replaces it.',
      'Its periodic review is overdue: check it still fits.',
    ]);
    expect(attachPreview(playbook('fine'))).toEqual([]);
  });

  it('offers suggestions first, then active, then deprecated, leaving out attached ones', () => {
    const choices = attachChoices(
      [playbook('a', { status: 'DEPRECATED' }), playbook('b'), playbook('c'), playbook('d')],
      ['c', 'd'],
      new Set(['d']),
    );

    expect(choices.suggested.map((p) => p.id)).toEqual(['c']);
    expect(choices.others.map((p) => p.id)).toEqual(['b', 'a']);
  });
});

describe('a run as the panel shows it', () => {
  it('takes words from the pinned document and evidence from the actions', () => {
    const document = sampleDocument();
    const run = {
      __typename: 'PlaybookRun',
      id: 'run-1',
      createdAt: '2026-12-04T10:00:00Z',
      warnings: [],
      attachedBy: { name: 'Ben' },
      playbook: { id: 'p1', title: document.title },
      playbookVersion: { id: 'v2', number: 2, document },
      actions: [
        {
          kind: 'ARTIFACT_ATTACHED',
          moduleId: 'triage',
          stepId: 'export-records',
          artifactLabel: 'Export of affected records',
          artifactUrl: 'https://example.com/export.csv',
          createdAt: '2026-12-04T10:05:00Z',
          actor: { name: 'Ben' },
        },
        {
          kind: 'STEP_CHECKED',
          moduleId: 'triage',
          stepId: 'export-records',
          artifactLabel: null,
          artifactUrl: null,
          createdAt: '2026-12-04T10:06:00Z',
          actor: { name: 'Ben' },
        },
      ],
      state: {
        progress: { done: 1, total: 3 },
        modules: [
          {
            moduleId: 'triage',
            deciderRole: 'TECHNICAL_RESOLVER',
            reachedBy: null,
            steps: [
              {
                stepId: 'export-records',
                checked: true,
                checkedAt: '2026-12-04T10:06:00Z',
                checkedBy: { name: 'Ben' },
                missingArtifacts: [],
              },
            ],
            gates: [{ gateId: 'how-to-recover', answer: null }],
          },
        ],
      },
    } as unknown as RawRun;

    const view = runView(run);
    const [module] = view.modules;

    expect(module?.title).toBe('Triage');
    expect(module?.steps[0]).toMatchObject({
      title: 'Export the affected orders',
      role: 'TECHNICAL_RESOLVER',
      checkedBy: 'Ben',
      artifacts: [{ label: 'Export of affected records', attachedBy: 'Ben' }],
    });
    expect(module?.gates[0]?.options.map((option) => option.label)).toEqual([
      'Yes, fix it',
      'No, disable it',
    ]);
    expect(view.titles.get('disable')).toBe('Disable the automation');
  });
});
