import { describe, expect, it } from 'vitest';

import {
  diffDocuments,
  escapePathSegment,
  isTextOnlyChange,
  jsonEqual,
  keyedListKeys,
  splitPath,
  summariseChanges,
} from './diff.js';
import type { DocumentChange } from './document.js';
import {
  edited,
  paymentFlowPlaybook,
  REMOVE,
  securityReviewedPolicy,
  valueAt,
} from './fixtures.js';

const CONTAIN_STEPS = '/modules/contain/steps';

/** A keyed list of bare items, for order tests. */
function items(...ids: string[]): { id: string }[] {
  return ids.map((id) => ({ id }));
}

/** Every ordering of `values`. */
function permutations<T>(values: readonly T[]): T[][] {
  if (values.length <= 1) {
    return [[...values]];
  }

  return values.flatMap((value, index) =>
    permutations([...values.slice(0, index), ...values.slice(index + 1)]).map((rest) => [
      value,
      ...rest,
    ]),
  );
}

/** The length of a longest increasing subsequence, by trying every subset. */
function bruteForceLis(values: readonly number[]): number {
  let best = 0;

  for (let mask = 0; mask < 1 << values.length; mask += 1) {
    const chosen = values.filter((_, index) => mask & (1 << index));

    if (chosen.every((value, index) => index === 0 || (chosen[index - 1] ?? 0) < value)) {
      best = Math.max(best, chosen.length);
    }
  }

  return best;
}

describe('diffDocuments', () => {
  describe('objects and values', () => {
    it('should find no changes between equal documents', () => {
      expect(diffDocuments(paymentFlowPlaybook(), paymentFlowPlaybook())).toEqual([]);
    });

    it('should ignore the order of properties', () => {
      const { title, ...rest } = paymentFlowPlaybook();
      const reordered = { ...rest, title };

      expect(Object.keys(reordered)[0]).not.toBe('title');
      expect(diffDocuments(paymentFlowPlaybook(), reordered)).toEqual([]);
    });

    it.each<[string, string, unknown]>([
      ['the playbook title', '/title', 'Payments halted'],
      ['a step title deep in a module', `${CONTAIN_STEPS}/export-records/title`, 'Export orders'],
      ['a number', '/reviewIntervalDays', 30],
      ['null to a value', '/modules/disable/escalations/automation-owner/afterMinutes', 60],
      ['a value to null', '/modules/triage/escalations/finance-lead/atSeverity', null],
      [
        'the target of a gate option',
        '/modules/contain/gates/remedy/options/fix/nextModuleId',
        'rewire',
      ],
    ])('should report one CHANGED for %s', (_case, path, value) => {
      const before = paymentFlowPlaybook();
      const after = edited(before, path, value);

      expect(diffDocuments(before, after)).toEqual([
        { operation: 'CHANGED', path, before: valueAt(before, path), after: value },
      ]);
    });

    it('should report added and removed properties', () => {
      expect(diffDocuments({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual([
        { operation: 'ADDED', path: '/c', after: 3 },
        { operation: 'REMOVED', path: '/b', before: 2 },
      ]);
    });

    it('should treat a property holding undefined as absent', () => {
      expect(diffDocuments({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    });

    it('should compare a list of strings as one value', () => {
      const path = `${CONTAIN_STEPS}/export-records/requiredArtifacts`;
      const before = paymentFlowPlaybook();
      const after = edited(before, path, ['Export of affected records', 'Ticket link']);

      expect(diffDocuments(before, after)).toEqual([
        {
          operation: 'CHANGED',
          path,
          before: ['Export of affected records'],
          after: ['Export of affected records', 'Ticket link'],
        },
      ]);
    });

    it.each<[string, unknown, unknown]>([
      ['an object replaced by text', { a: { b: 1 } }, { a: 'b' }],
      ['items without ids', { a: [{ n: 1 }] }, { a: [{ n: 2 }] }],
      ['items with a repeated id', { a: [{ id: 'x' }, { id: 'x' }] }, { a: [{ id: 'x' }] }],
      ['a keyed list replaced by a list of strings', { a: [{ id: 'x' }] }, { a: ['x'] }],
    ])('should report %s as one CHANGED', (_case, before, after) => {
      expect(diffDocuments(before, after)).toEqual([
        {
          operation: 'CHANGED',
          path: '/a',
          before: valueAt(before, '/a'),
          after: valueAt(after, '/a'),
        },
      ]);
    });

    it('should report a change of the whole document at the empty path', () => {
      expect(diffDocuments(1, 2)).toEqual([
        { operation: 'CHANGED', path: '', before: 1, after: 2 },
      ]);
    });

    it('should escape ~ and / in keys and ids', () => {
      const before = { 'a/b': 1, list: [{ id: 'x~/y', v: 1 }] };
      const after = { 'a/b': 2, list: [{ id: 'x~/y', v: 2 }] };

      expect(diffDocuments(before, after).map((change) => change.path)).toEqual([
        '/a~1b',
        '/list/x~0~1y/v',
      ]);
    });
  });

  describe('keyed lists', () => {
    it('should report an added or a removed step, and nothing about the steps after it', () => {
      const step = {
        id: 'freeze-refunds',
        title: 'Freeze automatic refunds',
        detail: '',
        role: 'TECHNICAL_RESOLVER',
        requiredArtifacts: [],
        expectedMinutes: 5,
      };
      const before = paymentFlowPlaybook();
      const after = edited(before, `${CONTAIN_STEPS}/export-records`, REMOVE);
      const inserted = edited(before, CONTAIN_STEPS, [
        valueAt(before, `${CONTAIN_STEPS}/pause-zap`),
        step,
        valueAt(before, `${CONTAIN_STEPS}/export-records`),
        valueAt(before, `${CONTAIN_STEPS}/notify-support`),
      ]);

      expect(diffDocuments(before, inserted)).toEqual([
        { operation: 'ADDED', path: `${CONTAIN_STEPS}/freeze-refunds`, after: step },
      ]);
      expect(diffDocuments(before, after)).toEqual([
        {
          operation: 'REMOVED',
          path: `${CONTAIN_STEPS}/export-records`,
          before: valueAt(before, `${CONTAIN_STEPS}/export-records`),
        },
      ]);
    });

    it('should report a removed module as one change', () => {
      const before = paymentFlowPlaybook();
      const after = edited(before, '/modules/replay', REMOVE);

      expect(diffDocuments(before, after)).toEqual([
        {
          operation: 'REMOVED',
          path: '/modules/replay',
          before: valueAt(before, '/modules/replay'),
        },
      ]);
    });

    it('should report only the step that moved, with its old and new index', () => {
      const before = { steps: items('a', 'b', 'c', 'd') };
      const after = { steps: items('b', 'c', 'd', 'a') };

      expect(diffDocuments(before, after)).toEqual([
        { operation: 'MOVED', path: '/steps/a', before: 0, after: 3 },
      ]);
    });

    it('should report a MOVED and the changes inside the moved item', () => {
      const before = { steps: [...items('a', 'b'), { id: 'c', title: 'Old' }] };
      const after = { steps: [{ id: 'c', title: 'New' }, ...items('a', 'b')] };

      expect(diffDocuments(before, after)).toEqual([
        { operation: 'MOVED', path: '/steps/c', before: 2, after: 0 },
        { operation: 'CHANGED', path: '/steps/c/title', before: 'Old', after: 'New' },
      ]);
    });

    it('should not call items moved when only insertions and removals shifted them', () => {
      const before = { steps: items('a', 'b', 'c', 'd', 'e') };
      const after = { steps: items('x', 'a', 'c', 'y', 'd', 'e', 'z') };

      expect(diffDocuments(before, after)).toEqual([
        { operation: 'ADDED', path: '/steps/x', after: { id: 'x' } },
        { operation: 'REMOVED', path: '/steps/b', before: { id: 'b' } },
        { operation: 'ADDED', path: '/steps/y', after: { id: 'y' } },
        { operation: 'ADDED', path: '/steps/z', after: { id: 'z' } },
      ]);
    });

    it('should report a removed last item after the items before it', () => {
      const before = { steps: [{ id: 'a', n: 1 }, ...items('b', 'c')] };
      const after = { steps: [{ id: 'a', n: 2 }, ...items('b')] };

      expect(diffDocuments(before, after)).toEqual([
        { operation: 'CHANGED', path: '/steps/a/n', before: 1, after: 2 },
        { operation: 'REMOVED', path: '/steps/c', before: { id: 'c' } },
      ]);
    });

    it('should move as few items as possible for every order of five', () => {
      const ids = ['a', 'b', 'c', 'd', 'e'];

      for (const order of permutations(ids)) {
        const moved = diffDocuments({ l: items(...ids) }, { l: items(...order) });
        const oldIndexes = order.map((id) => ids.indexOf(id));

        expect(moved.every((change) => change.operation === 'MOVED')).toBe(true);
        expect(moved).toHaveLength(ids.length - bruteForceLis(oldIndexes));
      }
    });

    it('should report modules moved in the playbook by their ids', () => {
      const before = paymentFlowPlaybook();
      const after = { ...before, modules: [...before.modules].reverse() };
      const changes = diffDocuments(before, after);

      expect(changes.every((change) => change.operation === 'MOVED')).toBe(true);
      expect(changes.map((change) => change.path)).toEqual([
        '/modules/disable',
        '/modules/replay',
        '/modules/rewire',
        '/modules/fix',
        '/modules/contain',
      ]);
    });

    it('should key approval rules by risk level', () => {
      const before = securityReviewedPolicy();
      let after = edited(before, '/rules/HIGH/requirements/admin', REMOVE);
      after = edited(after, '/rules/STANDARD/requirements/owner-team/count', 1);
      after = edited(after, '/rules/HIGH/requirements/risk-validator/from/teamId', 'team-risk');

      expect(diffDocuments(before, after)).toEqual([
        {
          operation: 'CHANGED',
          path: '/rules/STANDARD/requirements/owner-team/count',
          before: 2,
          after: 1,
        },
        {
          operation: 'CHANGED',
          path: '/rules/HIGH/requirements/risk-validator/from/teamId',
          before: 'team-security',
          after: 'team-risk',
        },
        {
          operation: 'REMOVED',
          path: '/rules/HIGH/requirements/admin',
          before: { id: 'admin', label: 'Admin', count: 1, from: { kind: 'ADMIN' } },
        },
      ]);
    });

    it('should report an approver changed from a team to admins property by property', () => {
      const path = '/rules/HIGH/requirements/risk-validator/from';
      const before = securityReviewedPolicy();
      const after = edited(before, path, { kind: 'ADMIN' });

      expect(diffDocuments(before, after)).toEqual([
        { operation: 'CHANGED', path: `${path}/kind`, before: 'TEAM', after: 'ADMIN' },
        { operation: 'REMOVED', path: `${path}/teamId`, before: 'team-security' },
      ]);
    });
  });
});

describe('path helpers', () => {
  it.each([
    ['', []],
    ['/title', ['title']],
    ['/modules/contain/steps/export', ['modules', 'contain', 'steps', 'export']],
    ['/a~1b/~0x~01', ['a/b', '~x~1']],
  ])('should split %j into %j', (path, segments) => {
    expect(splitPath(path)).toEqual(segments);
  });

  it('should round-trip any segment through escaping', () => {
    for (const segment of ['~1', '/~', 'a/b/c', '~~//', 'plain']) {
      expect(splitPath(`/${escapePathSegment(segment)}`)).toEqual([segment]);
    }
  });

  it.each<[unknown, string[] | null]>([
    [[], []],
    [
      [{ id: 'a' }, { id: 'b' }],
      ['a', 'b'],
    ],
    [[{ riskLevel: 'HIGH' }], ['HIGH']],
    [[{ id: 'a' }, { id: 'a' }], null],
    [[{ id: 1 }], null],
    [['a'], null],
    ['a', null],
  ])('should read the keys of %j as %j', (value, keys) => {
    expect(keyedListKeys(value)).toEqual(keys);
  });

  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [[1, 2], [2, 1], false],
    [null, undefined, false],
    [{}, [], false],
  ])('should judge %j and %j equal: %s', (a, b, equal) => {
    expect(jsonEqual(a, b)).toBe(equal);
  });
});

describe('summariseChanges', () => {
  it('should count operations and name modules as areas, in the order touched', () => {
    const before = paymentFlowPlaybook();
    let after = edited(before, '/modules/fix/title', 'Repair in place');
    after = edited(after, '/title', 'Payments halted');
    after = edited(after, '/modules/replay', REMOVE);
    after = edited(after, '/modules/contain/steps/notify-support/detail', 'Use the status page.');
    after = edited(after, '/triggers/platforms', ['ZAPIER']);

    expect(summariseChanges(diffDocuments(before, after))).toEqual({
      counts: { ADDED: 0, REMOVED: 1, MOVED: 0, CHANGED: 4 },
      total: 5,
      areas: ['/title', '/triggers', '/modules/contain', '/modules/fix', '/modules/replay'],
    });
  });

  it('should name policy rules by risk level', () => {
    const before = securityReviewedPolicy();
    const after = edited(before, '/emergencyReviewHours', 24);
    const changes = diffDocuments(before, edited(after, '/rules/HIGH/requirements/admin', REMOVE));

    expect(summariseChanges(changes).areas).toEqual(['/rules/HIGH', '/emergencyReviewHours']);
  });

  it('should summarise no changes as nothing', () => {
    expect(summariseChanges([])).toEqual({
      counts: { ADDED: 0, REMOVED: 0, MOVED: 0, CHANGED: 0 },
      total: 0,
      areas: [],
    });
  });
});

describe('isTextOnlyChange', () => {
  const changed = (path: string, before: unknown = 'old', after: unknown = 'new') =>
    ({ operation: 'CHANGED', path, before, after }) satisfies DocumentChange;

  it.each<[string, DocumentChange[], boolean]>([
    ['a reworded title', [changed('/title')], true],
    [
      'rewording across modules',
      [
        changed('/modules/contain/purpose'),
        changed('/modules/contain/steps/pause-zap/detail'),
        changed('/modules/contain/gates/remedy/question'),
        changed('/modules/contain/gates/remedy/options/fix/label'),
        changed('/modules/contain/integrityChecks/no-orphans/description'),
        changed('/modules/contain/rollback/resume-zap/instruction'),
        changed('/modules/triage/escalations/finance-lead/note'),
        changed('/summary'),
      ],
      true,
    ],
    ['reworded compliance notes', [changed('/modules/contain/complianceNotes')], false],
    [
      'a title together with compliance notes',
      [changed('/title'), changed('/modules/contain/complianceNotes')],
      false,
    ],
    ['a retargeted gate option', [changed('/modules/x/gates/g/options/o/nextModuleId')], false],
    ['a changed role', [changed('/modules/x/steps/s/role')], false],
    ['a title that stopped being text', [changed('/title', 'Old', null)], false],
    ['an added step', [{ operation: 'ADDED', path: '/modules/x/steps/s', after: {} }], false],
    [
      'a moved step',
      [{ operation: 'MOVED', path: '/modules/x/steps/s', before: 0, after: 1 }],
      false,
    ],
    [
      'a removed detail',
      [{ operation: 'REMOVED', path: '/modules/x/steps/s/detail', before: '' }],
      false,
    ],
    ['no change at all', [], false],
  ])('should judge %s text-only: %s', (_case, changes, expected) => {
    expect(isTextOnlyChange(changes)).toBe(expected);
  });

  it('should agree with a diff of reworded playbook prose', () => {
    const before = paymentFlowPlaybook();
    let after = edited(before, '/modules/fix/steps/reconnect/title', 'Reconnect the provider');
    after = edited(after, '/summary', 'Payments stop.');

    expect(isTextOnlyChange(diffDocuments(before, after))).toBe(true);
    expect(isTextOnlyChange(diffDocuments(before, edited(after, '/reviewIntervalDays', 60)))).toBe(
      false,
    );
  });
});
