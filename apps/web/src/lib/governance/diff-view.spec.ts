import { describe, expect, it } from 'vitest';
import { diffDocuments } from '@keel/domain';
import { byPath, groupDiff, groupKeyOf, wordDiff } from './diff-view';
import { describePath } from './paths';
import { sampleDocument } from './test-document';

const TEAMS = new Map([['team-ops', 'E-commerce Operations']]);

describe('grouping the diff per module', () => {
  it('puts document-wide changes first, then one group per module in diff order', () => {
    const before = sampleDocument();
    const after = sampleDocument();
    after.modules[1]!.steps[0]!.expectedMinutes = 45;
    after.title = 'Payments halted';
    after.modules[0]!.steps.reverse();

    const groups = groupDiff(diffDocuments(before, after), before, after, TEAMS);

    expect(groups.map((group) => group.title)).toEqual([
      'Whole document',
      'Module “Triage”',
      'Module “Fix in place”',
    ]);
    const fix = groups[2]!.lines[0]!;
    expect(fix.where).toBe('Step “Apply the fix” › Expected minutes');
    expect([fix.before, fix.after]).toEqual(['30', '45']);
  });

  it('reports a move with the old and new positions counted from one', () => {
    const before = sampleDocument();
    const after = sampleDocument();
    after.modules[0]!.steps.reverse();

    const [group] = groupDiff(diffDocuments(before, after), before, after, TEAMS);
    const moved = group!.lines.find((line) => line.change.operation === 'MOVED')!;

    expect(moved.where).toMatch(/^Step “/);
    expect(moved.after).toMatch(/^position [12]$/);
  });

  it('sums up an added step in words instead of showing its JSON', () => {
    const before = sampleDocument();
    const after = sampleDocument();
    after.modules[2]!.steps.push({
      id: 'turn-off',
      title: 'Turn the zap off',
      detail: '',
      role: 'TECHNICAL_RESOLVER',
      requiredArtifacts: [],
      expectedMinutes: 5,
    });

    const [group] = groupDiff(diffDocuments(before, after), before, after, TEAMS);

    expect(group!.title).toBe('Module “Disable the automation”');
    expect(group!.lines[0]!.after).toBe('Turn the zap off (Technical resolver, 5 min)');
  });

  it('names a removed module from the base document', () => {
    const before = sampleDocument();
    const after = sampleDocument();
    after.modules.pop();

    const groups = groupDiff(diffDocuments(before, after), before, after, TEAMS);

    expect(groups.map((group) => group.title)).toContain('Module “Disable the automation”');
  });

  it('shows the owner team and gate targets by name', () => {
    const before = sampleDocument();
    const after = sampleDocument();
    after.ownerTeamId = 'team-unknown';
    after.modules[0]!.gates[0]!.options[0]!.nextModuleId = 'disable';

    const lines = groupDiff(diffDocuments(before, after), before, after, TEAMS).flatMap(
      (group) => group.lines,
    );

    expect(lines.map((line) => [line.before, line.after])).toEqual([
      ['E-commerce Operations', 'team-unknown'],
      ['Fix in place', 'Disable the automation'],
    ]);
  });

  it('keys groups by module or rule, and everything else under the document', () => {
    expect(groupKeyOf('/modules/fix/steps/a/title')).toBe('/modules/fix');
    expect(groupKeyOf('/rules/HIGH/requirements')).toBe('/rules/HIGH');
    expect(groupKeyOf('/triggers/platforms')).toBe('');
    expect(groupKeyOf('/modules')).toBe('');
  });
});

describe('a new playbook', () => {
  it('gives each added module a group of its own, summed up in words', () => {
    const after = sampleDocument();
    const groups = groupDiff(diffDocuments({}, after), null, after, TEAMS);

    expect(groups.map((group) => group.title)).toEqual([
      'Whole document',
      'Module “Triage”',
      'Module “Fix in place”',
      'Module “Disable the automation”',
    ]);
    expect(groups[1]!.lines[0]!.change.path).toBe('/modules/triage');
    expect(groups[1]!.lines[0]!.after).toBe('Triage (2 steps, 1 gate)');
    const triggers = groups[0]!.lines.find((line) => line.change.path === '/triggers');
    expect(triggers?.after).toBe('Zapier; Payment flow halted');
  });
});

describe('reworded text', () => {
  it('marks removed and added words and keeps the shared ones', () => {
    expect(wordDiff('Warn customer support now', 'Warn the support team now')).toEqual([
      { text: 'Warn ', kind: 'same' },
      { text: 'the ', kind: 'added' },
      { text: 'customer ', kind: 'removed' },
      { text: 'support ', kind: 'same' },
      { text: 'team ', kind: 'added' },
      { text: 'now', kind: 'same' },
    ]);
  });

  it('is offered for changed prose but not for enum values', () => {
    const before = sampleDocument();
    const after = sampleDocument();
    after.modules[0]!.steps[1]!.title = 'Warn the support team';
    after.modules[0]!.steps[1]!.role = 'INCIDENT_LEAD';

    const [group] = groupDiff(diffDocuments(before, after), before, after, TEAMS);
    const [title, role] = group!.lines;

    expect(title!.words).not.toBeNull();
    expect(role!.words).toBeNull();
    expect(role!.after).toBe('Incident lead');
  });
});

describe('paths in words', () => {
  it('names gates, options and plain list items', () => {
    const document = sampleDocument();

    expect(
      describePath('/modules/triage/gates/how-to-recover/options/fix/label', [document]),
    ).toEqual([
      'Module “Triage”',
      'Gate “Can the flow be fixed in place?”',
      'Option “Yes, fix it”',
      'Label',
    ]);
    expect(describePath('/modules/#1/steps/apply-fix/requiredArtifacts/0', [document])).toEqual([
      'Module “Fix in place”',
      'Step “Apply the fix”',
      'Artifact “0”',
    ]);
    expect(describePath('/reviewIntervalDays', [document])).toEqual(['Review interval (days)']);
  });
});

describe('threads by path', () => {
  it('collects threads at the same path in their order', () => {
    const map = byPath([
      { path: '/title', id: '1' },
      { path: '/summary', id: '2' },
      { path: '/title', id: '3' },
    ]);

    expect(map.get('/title')?.map((thread) => thread.id)).toEqual(['1', '3']);
  });
});
