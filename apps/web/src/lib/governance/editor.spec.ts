import { describe, expect, it } from 'vitest';
import { validatePlaybookDocument } from '@keel/domain';
import {
  allIds,
  blankGate,
  blankModule,
  blankPlaybook,
  fieldId,
  keyedPaths,
  moveItem,
  parseLines,
  problemMap,
  problemText,
  problemsUnder,
  slugify,
  uniqueId,
} from './editor';
import { sampleDocument } from './test-document';

describe('ids for new items', () => {
  it('derives a slug from a title, dropping accents and punctuation', () => {
    expect(slugify('Contain the damage!')).toBe('contain-the-damage');
    expect(slugify('Équipe données')).toBe('equipe-donnees');
    expect(slugify('   ')).toBe('');
  });

  it('numbers an id that is already taken', () => {
    expect(uniqueId('Triage', ['triage', 'triage-2'])).toBe('triage-3');
    expect(uniqueId('', ['step'], 'step')).toBe('step-2');
  });

  it('keeps a new item unique across every list of the playbook', () => {
    const document = sampleDocument();
    const module = blankModule(allIds(document), 'Fix in place');

    expect(module.id).toBe('fix-in-place');
    expect(allIds(document)).not.toContain(module.id);
  });

  it('gives a new gate two options with distinct ids', () => {
    const gate = blankGate(['gate', 'option'], 'triage');

    expect(gate.id).toBe('gate-2');
    expect(gate.options.map((option) => option.id)).toEqual(['option-2', 'option-3']);
  });
});

describe('a blank playbook', () => {
  it('starts where its one module is and fails only on what the author must fill in', () => {
    const document = blankPlaybook('team-ops');
    const result = validatePlaybookDocument(document);

    expect(document.entryModuleId).toBe(document.modules[0]?.id);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((problem) => problem.path);
    expect(paths).toContain('/title');
  });
});

describe('reordering', () => {
  it('moves an item up and down and ignores moves past either end', () => {
    const list = ['a', 'b', 'c'];

    moveItem(list, 2, -1);
    expect(list).toEqual(['a', 'c', 'b']);
    moveItem(list, 0, -1);
    moveItem(list, 2, 1);
    expect(list).toEqual(['a', 'c', 'b']);
  });
});

describe('validation display', () => {
  it('names items as the validator does: by id, else by position', () => {
    const items = [{ id: 'a' }, { id: 'a' }, { id: 'Bad Id' }, { id: 'c' }];

    expect(keyedPaths('/modules', items)).toEqual([
      '/modules/a',
      '/modules/#1',
      '/modules/#2',
      '/modules/c',
    ]);
  });

  it('places each problem of a real validation on the path of its field', () => {
    const document = sampleDocument();
    document.modules[0]!.steps[0]!.title = '';
    document.modules[1]!.id = 'triage';

    const result = validatePlaybookDocument(document);
    expect(result.ok).toBe(false);
    const map = problemMap(result.ok ? [] : result.problems);
    const [, second] = keyedPaths('/modules', document.modules);

    expect(problemText(map, '/modules/triage/steps/export-records/title')).toMatch(/title/i);
    expect(second).toBe('/modules/#1');
    expect(problemText(map, `${second}/id`)).toMatch(/already has the id/);
    expect(problemsUnder(map, '/modules/triage')).toBeGreaterThan(0);
    expect(problemText(map, '/summary')).toBeNull();
  });

  it('counts problems under a path without counting a sibling that shares its prefix', () => {
    const map = problemMap([
      { path: '/modules/fix/title', message: 'A.' },
      { path: '/modules/fix-2/title', message: 'B.' },
    ]);

    expect(problemsUnder(map, '/modules/fix')).toBe(1);
  });

  it('turns a path into an element id without slashes or hashes', () => {
    expect(fieldId('/modules/#2/steps/a/title')).toBe('field.modules._2.steps.a.title');
  });
});

describe('list fields', () => {
  it('reads one item per line, trimmed, without blank lines', () => {
    expect(parseLines(' Export of records \n\n Screenshot, run log ')).toEqual([
      'Export of records',
      'Screenshot, run log',
    ]);
  });
});
