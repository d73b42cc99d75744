import { describe, expect, it } from 'vitest';

import {
  INCIDENT_STATUSES,
  isOneOf,
  PRIORITIES,
  SEVERITIES,
  SEVERITY_DESCRIPTIONS,
  STATUS_LABELS,
} from './incident.js';

describe('isOneOf', () => {
  it.each([
    ['TRIAGED', true],
    ['triaged', false],
    ['', false],
    [null, false],
    [3, false],
  ])('says whether %j is an incident status: %s', (value, expected) => {
    expect(isOneOf(INCIDENT_STATUSES, value)).toBe(expected);
  });
});

describe('vocabularies', () => {
  it('orders severities and priorities from worst to mildest', () => {
    expect(SEVERITIES).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(PRIORITIES).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it.each(SEVERITIES)('describes %s in one line', (severity) => {
    expect(SEVERITY_DESCRIPTIONS[severity]).toMatch(/^[A-Z][^\n]{10,100}\.$/);
  });

  it('labels every status', () => {
    expect(INCIDENT_STATUSES.map((status) => STATUS_LABELS[status])).toEqual([
      'Detected',
      'Triaged',
      'Contained',
      'Recovering',
      'Resolved',
      'Closed',
      'Cancelled',
    ]);
  });
});
