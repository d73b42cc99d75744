import { describe, expect, it } from 'vitest';
import { applyLocalFilters, decodeLibraryFilters, isLibraryFiltered } from './library-filters';

describe('the library filters in the address', () => {
  it('reads known values and ignores unknown ones', () => {
    const filters = decodeLibraryFilters(
      new URLSearchParams('q=%20payment%20&status=RETIRED&team=t1&review=OVERDUE'),
    );

    expect(filters).toEqual({ search: 'payment', status: null, teamId: 't1', review: 'OVERDUE' });
    expect(isLibraryFiltered(filters)).toBe(true);
    expect(isLibraryFiltered(decodeLibraryFilters(new URLSearchParams()))).toBe(false);
  });

  it('keeps only the chosen team and review state', () => {
    const playbooks = [
      { id: 'a', ownerTeam: { id: 't1' }, review: { state: 'OVERDUE' as const } },
      { id: 'b', ownerTeam: { id: 't2' }, review: { state: 'OVERDUE' as const } },
      { id: 'c', ownerTeam: { id: 't1' }, review: { state: 'CURRENT' as const } },
    ];
    const filters = decodeLibraryFilters(new URLSearchParams('team=t1&review=OVERDUE'));

    expect(applyLocalFilters(playbooks, filters).map((playbook) => playbook.id)).toEqual(['a']);
  });
});
