import { describe, expect, it } from 'vitest';
import {
  MAX_SEARCH_LENGTH,
  NO_FILTERS,
  boardHref,
  decodeFilters,
  encodeFilters,
  isFiltered,
  toIncidentFilter,
  type BoardFilters,
} from './board-filters';

const FULL: BoardFilters = {
  statuses: ['DETECTED', 'CONTAINED'],
  severities: ['SEV1', 'SEV2'],
  automationId: 'QXV0b21hdGlvbjox',
  teamId: 'VGVhbToy',
  search: 'refund emails',
};

function params(query: string): URLSearchParams {
  return new URLSearchParams(query);
}

describe('decodeFilters', () => {
  it('reads an empty query as no filter', () => {
    expect(decodeFilters(params(''))).toEqual(NO_FILTERS);
  });

  it('reads repeated and comma-separated values alike', () => {
    const repeated = decodeFilters(params('status=DETECTED&status=TRIAGED&severity=SEV1'));
    const commas = decodeFilters(params('status=DETECTED,TRIAGED&severity=SEV1'));

    expect(repeated).toEqual(commas);
    expect(repeated.statuses).toEqual(['DETECTED', 'TRIAGED']);
  });

  it('puts statuses in lifecycle order and severities worst first, once each', () => {
    const filters = decodeFilters(params('status=CLOSED,DETECTED,CLOSED&severity=SEV4,SEV1'));

    expect(filters.statuses).toEqual(['DETECTED', 'CLOSED']);
    expect(filters.severities).toEqual(['SEV1', 'SEV4']);
  });

  it('ignores values it does not know instead of refusing the link', () => {
    const filters = decodeFilters(params('status=DETECTED,ON_FIRE&severity=sev1&severity=SEV9'));

    expect(filters.statuses).toEqual(['DETECTED']);
    expect(filters.severities).toEqual([]);
  });

  it('reads blank fields of a submitted form as no filter', () => {
    expect(decodeFilters(params('q=&automation=&team=+'))).toEqual(NO_FILTERS);
  });

  it('trims the search text and cuts it at the limit', () => {
    const long = 'x'.repeat(MAX_SEARCH_LENGTH + 50);

    expect(decodeFilters(params('q=%20%20late%20invoices%20')).search).toBe('late invoices');
    expect(decodeFilters(params(`q=${long}`)).search).toHaveLength(MAX_SEARCH_LENGTH);
  });

  it('drops an id too long to be one', () => {
    expect(decodeFilters(params(`automation=${'a'.repeat(500)}`)).automationId).toBeNull();
  });
});

describe('encodeFilters', () => {
  it('writes nothing for no filter', () => {
    expect(encodeFilters(NO_FILTERS).toString()).toBe('');
  });

  it('writes one canonical form: fixed order, repeated list values', () => {
    expect(encodeFilters(FULL).toString()).toBe(
      'q=refund+emails&status=DETECTED&status=CONTAINED&severity=SEV1&severity=SEV2' +
        '&automation=QXV0b21hdGlvbjox&team=VGVhbToy',
    );
  });

  it('gives equal filters equal strings, whatever the order they were chosen in', () => {
    const shuffled: BoardFilters = {
      ...FULL,
      statuses: ['CONTAINED', 'DETECTED'],
      severities: ['SEV2', 'SEV1'],
    };

    expect(encodeFilters(shuffled).toString()).toBe(encodeFilters(FULL).toString());
  });

  it('round-trips through decodeFilters', () => {
    expect(decodeFilters(encodeFilters(FULL))).toEqual(FULL);
  });
});

describe('boardHref', () => {
  it('is the bare board without filters', () => {
    expect(boardHref(NO_FILTERS)).toBe('/');
  });

  it('adds the page cursor after the filters', () => {
    expect(boardHref({ ...NO_FILTERS, severities: ['SEV1'] }, 'Y3Vyc29y')).toBe(
      '/?severity=SEV1&after=Y3Vyc29y',
    );
  });
});

describe('isFiltered', () => {
  it('tells a filtered board from the whole board', () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, search: 'zap' })).toBe(true);
    expect(isFiltered({ ...NO_FILTERS, search: '   ' })).toBe(false);
  });
});

describe('toIncidentFilter', () => {
  it('leaves out what means "any"', () => {
    expect(toIncidentFilter(NO_FILTERS)).toEqual({});
  });

  it('maps the team to the API’s owner team filter', () => {
    expect(toIncidentFilter(FULL)).toEqual({
      statuses: ['DETECTED', 'CONTAINED'],
      severities: ['SEV1', 'SEV2'],
      automationId: 'QXV0b21hdGlvbjox',
      ownerTeamId: 'VGVhbToy',
      search: 'refund emails',
    });
  });
});
