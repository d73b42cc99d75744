import { describe, expect, it } from 'vitest';

import { diffDocuments } from './diff.js';
import type { PlaybookDocument, PlaybookModule, PlaybookStep } from './document.js';
import {
  edited,
  inserted,
  paymentFlowPlaybook,
  REMOVE,
  securityReviewedPolicy,
  valueAt,
} from './fixtures.js';
import { mergeDocuments } from './merge.js';
import { validateApprovalPolicyDocument, validatePlaybookDocument } from './validate.js';

const CONTAIN_STEPS = '/modules/contain/steps';

function step(id: string, title: string): PlaybookStep {
  return {
    id,
    title,
    detail: '',
    role: 'TECHNICAL_RESOLVER',
    requiredArtifacts: [],
    expectedMinutes: 10,
  };
}

/** The ids of a keyed list in a merged document. */
function idsAt(document: unknown, path: string): unknown[] {
  const list = valueAt(document, path);

  return Array.isArray(list) ? list.map((item) => valueAt(item, '/id')) : [];
}

/** The steps of the contain module with the given ids, in that order. */
function containStepsIn(ids: string[], extra: PlaybookStep[] = []): PlaybookStep[] {
  const base = paymentFlowPlaybook();
  const byId = new Map(
    [...(valueAt(base, CONTAIN_STEPS) as PlaybookStep[]), ...extra].map((s) => [s.id, s]),
  );

  return ids.map((id) => {
    const found = byId.get(id);

    if (found === undefined) {
      throw new Error(`No step ${id}.`);
    }

    return found;
  });
}

describe('mergeDocuments', () => {
  describe('values', () => {
    const base = paymentFlowPlaybook();
    const renamed = edited(base, '/title', 'Payments halted');

    it('should return the base when neither side changed anything', () => {
      expect(mergeDocuments(base, base, base)).toEqual({ merged: base, conflicts: [] });
    });

    it.each<[string, PlaybookDocument, PlaybookDocument]>([
      ['only ours', renamed, base],
      ['only theirs', base, renamed],
      ['both alike', renamed, renamed],
    ])('should take a change made by %s', (_case, ours, theirs) => {
      expect(mergeDocuments(base, ours, theirs)).toEqual({ merged: renamed, conflicts: [] });
    });

    it('should keep edits to different fields of one step from both sides', () => {
      const path = `${CONTAIN_STEPS}/export-records`;
      const ours = edited(base, `${path}/title`, 'Export the affected orders to finance');
      const theirs = edited(base, `${path}/expectedMinutes`, 30);
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([]);
      expect(valueAt(merged, `${path}/title`)).toBe('Export the affected orders to finance');
      expect(valueAt(merged, `${path}/expectedMinutes`)).toBe(30);
    });

    it('should report a field both sides changed differently and keep ours', () => {
      const path = '/modules/contain/complianceNotes';
      const ours = edited(base, path, 'No card numbers, no addresses, no emails.');
      const theirs = edited(base, path, 'No card numbers in exports.');
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([
        {
          path,
          base: valueAt(base, path),
          ours: 'No card numbers, no addresses, no emails.',
          theirs: 'No card numbers in exports.',
        },
      ]);
      expect(merged).toEqual(ours);
    });

    it('should treat a list of strings as one value', () => {
      const path = `${CONTAIN_STEPS}/export-records/requiredArtifacts`;
      const ours = edited(base, path, ['Export of affected records', 'Ticket link']);
      const theirs = edited(base, path, ['Export of affected records', 'Finance sign-off']);
      const oneSided = mergeDocuments(base, ours, base);
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(oneSided.conflicts).toEqual([]);
      expect(valueAt(oneSided.merged, path)).toEqual(['Export of affected records', 'Ticket link']);
      expect(conflicts).toEqual([
        {
          path,
          base: ['Export of affected records'],
          ours: ['Export of affected records', 'Ticket link'],
          theirs: ['Export of affected records', 'Finance sign-off'],
        },
      ]);
      expect(valueAt(merged, path)).toEqual(['Export of affected records', 'Ticket link']);
    });

    it('should report a property removed on one side and changed on the other', () => {
      const { merged, conflicts } = mergeDocuments({ a: 1, b: 1 }, { a: 1 }, { a: 1, b: 2 });

      expect(conflicts).toEqual([{ path: '/b', base: 1, ours: undefined, theirs: 2 }]);
      expect(merged).toEqual({ a: 1 });
    });

    it('should keep properties added on either side', () => {
      expect(mergeDocuments({ a: 1 }, { a: 1, b: 2 }, { a: 1, c: 3 })).toEqual({
        merged: { a: 1, b: 2, c: 3 },
        conflicts: [],
      });
    });

    it('should report the same property added with different values', () => {
      expect(mergeDocuments({}, { a: 1 }, { a: 2 })).toEqual({
        merged: { a: 1 },
        conflicts: [{ path: '/a', base: undefined, ours: 1, theirs: 2 }],
      });
    });

    it('should report whole documents of different types at the empty path', () => {
      expect(mergeDocuments(1, 2, 3)).toEqual({
        merged: 2,
        conflicts: [{ path: '', base: 1, ours: 2, theirs: 3 }],
      });
    });
  });

  describe('keyed lists', () => {
    const base = paymentFlowPlaybook();
    const freeze = step('freeze-refunds', 'Freeze automatic refunds');
    const ticket = step('open-ticket', 'Open a ticket with the payment provider');

    it('should keep steps added on both sides, each near its place on its side', () => {
      const ours = edited(
        base,
        CONTAIN_STEPS,
        containStepsIn(
          ['pause-zap', 'freeze-refunds', 'export-records', 'notify-support'],
          [freeze],
        ),
      );
      const theirs = inserted(base, CONTAIN_STEPS, 3, ticket);
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([]);
      expect(idsAt(merged, CONTAIN_STEPS)).toEqual([
        'pause-zap',
        'freeze-refunds',
        'export-records',
        'notify-support',
        'open-ticket',
      ]);
    });

    it('should put our insertion before theirs when both follow the same step', () => {
      const ours = edited(
        base,
        CONTAIN_STEPS,
        containStepsIn(
          ['pause-zap', 'freeze-refunds', 'export-records', 'notify-support'],
          [freeze],
        ),
      );
      const theirs = edited(
        base,
        CONTAIN_STEPS,
        containStepsIn(['pause-zap', 'open-ticket', 'export-records', 'notify-support'], [ticket]),
      );

      expect(idsAt(mergeDocuments(base, ours, theirs).merged, CONTAIN_STEPS)).toEqual([
        'pause-zap',
        'freeze-refunds',
        'open-ticket',
        'export-records',
        'notify-support',
      ]);
      expect(idsAt(mergeDocuments(base, theirs, ours).merged, CONTAIN_STEPS)).toEqual([
        'pause-zap',
        'open-ticket',
        'freeze-refunds',
        'export-records',
        'notify-support',
      ]);
    });

    it('should keep insertions at the very start in order', () => {
      const ours = edited(
        base,
        `${CONTAIN_STEPS}`,
        containStepsIn(
          ['freeze-refunds', 'pause-zap', 'export-records', 'notify-support'],
          [freeze],
        ),
      );
      const theirs = edited(
        base,
        `${CONTAIN_STEPS}`,
        containStepsIn(['open-ticket', 'pause-zap', 'export-records', 'notify-support'], [ticket]),
      );

      expect(idsAt(mergeDocuments(base, ours, theirs).merged, CONTAIN_STEPS)).toEqual([
        'freeze-refunds',
        'open-ticket',
        'pause-zap',
        'export-records',
        'notify-support',
      ]);
    });

    it('should keep one copy of a step both sides added alike', () => {
      const added = inserted(base, CONTAIN_STEPS, 3, freeze);

      expect(mergeDocuments(base, added, added)).toEqual({ merged: added, conflicts: [] });
    });

    it('should report a step id both sides added with different content', () => {
      const ours = inserted(base, CONTAIN_STEPS, 3, freeze);
      const theirs = inserted(base, CONTAIN_STEPS, 0, { ...freeze, expectedMinutes: 2 });
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([
        {
          path: `${CONTAIN_STEPS}/freeze-refunds`,
          base: undefined,
          ours: freeze,
          theirs: { ...freeze, expectedMinutes: 2 },
        },
      ]);
      expect(idsAt(merged, CONTAIN_STEPS)).toEqual(idsAt(ours, CONTAIN_STEPS));
    });

    it('should remove a step one side removed and the other left alone', () => {
      const removed = edited(base, `${CONTAIN_STEPS}/notify-support`, REMOVE);
      const touchedElsewhere = edited(base, `${CONTAIN_STEPS}/pause-zap/expectedMinutes`, 3);

      for (const [ours, theirs] of [
        [removed, touchedElsewhere],
        [touchedElsewhere, removed],
      ]) {
        const { merged, conflicts } = mergeDocuments(base, ours, theirs);

        expect(conflicts).toEqual([]);
        expect(idsAt(merged, CONTAIN_STEPS)).toEqual(['pause-zap', 'export-records']);
        expect(valueAt(merged, `${CONTAIN_STEPS}/pause-zap/expectedMinutes`)).toBe(3);
      }
    });

    it('should keep our changed step that theirs removed, and report it', () => {
      const path = `${CONTAIN_STEPS}/export-records`;
      const ours = edited(base, `${path}/detail`, 'Order number and amount only.');
      const theirs = edited(base, path, REMOVE);
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([
        {
          path,
          base: valueAt(base, path),
          ours: valueAt(ours, path),
          theirs: undefined,
        },
      ]);
      expect(merged).toEqual(ours);
    });

    it('should keep our removal of a step theirs changed, and report it', () => {
      const path = `${CONTAIN_STEPS}/export-records`;
      const ours = edited(base, path, REMOVE);
      const theirs = edited(base, `${path}/detail`, 'Order number and amount only.');
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([
        { path, base: valueAt(base, path), ours: undefined, theirs: valueAt(theirs, path) },
      ]);
      expect(merged).toEqual(ours);
    });

    it('should take the order of the side that reordered, with the other side’s edits', () => {
      const reordered = ['notify-support', 'pause-zap', 'export-records'];
      const ours = edited(base, `${CONTAIN_STEPS}/pause-zap/title`, 'Pause the automation');
      const theirs = edited(base, CONTAIN_STEPS, containStepsIn(reordered));
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([]);
      expect(idsAt(merged, CONTAIN_STEPS)).toEqual(reordered);
      expect(valueAt(merged, `${CONTAIN_STEPS}/pause-zap/title`)).toBe('Pause the automation');
    });

    it('should report two different reorderings at the list and keep ours', () => {
      const ours = edited(
        base,
        CONTAIN_STEPS,
        containStepsIn(['export-records', 'pause-zap', 'notify-support']),
      );
      const theirs = edited(
        base,
        CONTAIN_STEPS,
        containStepsIn(['notify-support', 'pause-zap', 'export-records']),
      );
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([
        {
          path: CONTAIN_STEPS,
          base: ['pause-zap', 'export-records', 'notify-support'],
          ours: ['export-records', 'pause-zap', 'notify-support'],
          theirs: ['notify-support', 'pause-zap', 'export-records'],
        },
      ]);
      expect(merged).toEqual(ours);
    });

    it('should accept the same reordering from both sides', () => {
      const order = ['export-records', 'pause-zap', 'notify-support'];
      const ours = edited(base, CONTAIN_STEPS, containStepsIn(order));
      const theirs = edited(ours, `${CONTAIN_STEPS}/pause-zap/expectedMinutes`, 1);
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([]);
      expect(merged).toEqual(theirs);
    });

    it('should not call an insertion on one side a reordering', () => {
      const ours = inserted(base, CONTAIN_STEPS, 0, freeze);
      const theirs = edited(
        base,
        CONTAIN_STEPS,
        containStepsIn(['pause-zap', 'notify-support', 'export-records']),
      );
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([]);
      expect(idsAt(merged, CONTAIN_STEPS)).toEqual([
        'freeze-refunds',
        'pause-zap',
        'notify-support',
        'export-records',
      ]);
    });

    it('should merge approval rules keyed by risk level', () => {
      const policy = securityReviewedPolicy();
      const ours = edited(policy, '/rules/HIGH/requirements/admin/count', 2);
      const theirs = inserted(policy, '/rules/STANDARD/requirements', 1, {
        id: 'admin',
        label: 'Admin',
        count: 1,
        from: { kind: 'ADMIN' },
      });
      const { merged, conflicts } = mergeDocuments(policy, ours, theirs);

      expect(conflicts).toEqual([]);
      expect(valueAt(merged, '/rules/HIGH/requirements/admin/count')).toBe(2);
      expect(idsAt(merged, '/rules/STANDARD/requirements')).toEqual(['owner-team', 'admin']);
      expect(validateApprovalPolicyDocument(merged).ok).toBe(true);
    });
  });

  describe('a stale change request brought up to date', () => {
    const base = paymentFlowPlaybook();

    /** Published since the request was opened: a new check and a reworded step. */
    function published(): PlaybookDocument {
      let document = edited(base, '/modules/fix/steps/reconnect/title', 'Reconnect the provider');
      document = inserted(document, '/modules/rewire/verificationTests', 0, {
        id: 'backup-charges',
        description: 'A test order through the backup workflow is charged once.',
      });
      return edited(document, '/reviewIntervalDays', 60);
    }

    /** The request: a bank-notification module behind a new option of the remedy gate. */
    function request(): PlaybookDocument {
      const notifyBank: PlaybookModule = {
        ...(valueAt(base, '/modules/replay') as PlaybookModule),
        id: 'notify-bank',
        title: 'Notify the acquiring bank',
        purpose: 'Required when more than 100 charges failed.',
        steps: [step('call-bank', 'Call the bank’s merchant desk')],
      };
      let document = inserted(base, '/modules', 4, notifyBank);
      document = inserted(document, '/modules/contain/gates/remedy/options', 3, {
        id: 'bank',
        label: 'Tell the bank first',
        nextModuleId: 'notify-bank',
      });
      return edited(document, '/modules/contain/steps/export-records/expectedMinutes', 25);
    }

    it('should merge cleanly into a valid playbook holding both sides’ changes', () => {
      const { merged, conflicts } = mergeDocuments(base, request(), published());

      expect(conflicts).toEqual([]);
      expect(validatePlaybookDocument(merged).ok).toBe(true);
      expect(idsAt(merged, '/modules')).toEqual([
        'triage',
        'contain',
        'fix',
        'rewire',
        'notify-bank',
        'replay',
        'disable',
      ]);
      expect(idsAt(merged, '/modules/contain/gates/remedy/options')).toEqual([
        'fix',
        'rewire',
        'disable',
        'bank',
      ]);
      expect(valueAt(merged, '/modules/fix/steps/reconnect/title')).toBe('Reconnect the provider');
      expect(valueAt(merged, '/modules/contain/steps/export-records/expectedMinutes')).toBe(25);
      expect(valueAt(merged, '/reviewIntervalDays')).toBe(60);
    });

    it('should leave the merged document differing from the new base by the request alone', () => {
      const { merged } = mergeDocuments(base, request(), published());

      expect(diffDocuments(published(), merged)).toEqual(diffDocuments(base, request()));
    });

    it('should report the module the request edits and the new version removed', () => {
      const ours = edited(request(), '/modules/replay/purpose', 'Charge the queued orders.');
      let theirs = edited(published(), '/modules/replay', REMOVE);
      theirs = edited(
        theirs,
        '/modules/fix/gates/test-result/options/passed/nextModuleId',
        'rewire',
      );
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts).toEqual([
        {
          path: '/modules/replay',
          base: valueAt(base, '/modules/replay'),
          ours: valueAt(ours, '/modules/replay'),
          theirs: undefined,
        },
      ]);
      expect(valueAt(merged, '/modules/fix/gates/test-result/options/passed/nextModuleId')).toBe(
        'rewire',
      );
      // Kept, but nothing leads to it any more: validation tells the author what to settle.
      const validation = validatePlaybookDocument(merged);
      expect(validation.ok ? [] : validation.problems.map((problem) => problem.path)).toEqual([
        '/modules/replay',
      ]);
    });

    it('should report compliance notes both sides rewrote differently', () => {
      const path = '/modules/disable/complianceNotes';
      const ours = edited(request(), path, 'Refunds go through finance; log each one.');
      const theirs = edited(published(), path, 'Refunds need a second finance approver.');
      const { merged, conflicts } = mergeDocuments(base, ours, theirs);

      expect(conflicts.map((conflict) => conflict.path)).toEqual([path]);
      expect(valueAt(merged, path)).toBe('Refunds go through finance; log each one.');
    });
  });

  describe('safety', () => {
    it('should return a document that shares no objects with its inputs', () => {
      const base = paymentFlowPlaybook();
      const ours = edited(base, '/title', 'Ours');
      const { merged } = mergeDocuments(base, ours, base);

      expect(merged).toEqual(ours);
      expect(valueAt(merged, '/modules/contain')).not.toBe(valueAt(ours, '/modules/contain'));
      expect(valueAt(merged, '/triggers/platforms')).not.toBe(valueAt(ours, '/triggers/platforms'));
    });

    it('should carry a __proto__ key as data without touching prototypes', () => {
      const theirs: unknown = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}');
      const { merged } = mergeDocuments({ a: 1 }, { a: 1 }, theirs);

      expect(Object.keys(merged as object)).toEqual(['a', '__proto__']);
      expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('should finish on a playbook whose gates loop', () => {
      const base = paymentFlowPlaybook();
      const path = '/modules/fix/gates/test-result/options/retry/nextModuleId';
      const ours = edited(base, path, 'fix');
      const theirs = edited(base, path, 'triage');

      expect(mergeDocuments(base, ours, theirs).conflicts).toEqual([
        { path, base: 'contain', ours: 'fix', theirs: 'triage' },
      ]);
    });
  });
});
