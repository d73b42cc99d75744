import { describe, expect, it } from 'vitest';
import { peopleOf, presenceColor } from './presence';

describe('presenceColor', () => {
  it('gives one person the same colour every time', () => {
    expect(presenceColor('user-1')).toBe(presenceColor('user-1'));
    expect(presenceColor('user-1')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('peopleOf', () => {
  const ada = { id: 'a', name: 'Ada', color: '#026aa2' };
  const ben = { id: 'b', name: 'Ben', color: '#027a48' };

  it('lists each person once, sorted by name, however many tabs they have', () => {
    expect(peopleOf([{ user: ben }, { user: ada }, { user: ben }])).toEqual([ada, ben]);
  });

  it('skips states without a well-formed person', () => {
    const odd = [{}, { user: 'Ada' }, { user: { ...ada, color: 'url(x)' } }, { user: ben }];
    expect(peopleOf(odd)).toEqual([ben]);
  });
});
