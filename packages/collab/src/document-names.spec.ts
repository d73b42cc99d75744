import { describe, expect, it } from 'vitest';
import {
  MAX_DOCUMENT_NAME_LENGTH,
  documentName,
  parseDocumentName,
  postmortemDocumentName,
  timelineDocumentName,
} from './document-names.js';

const ID = '0190f0c4-7b7e-7a1c-9e4d-3f2a1b0c9d8e';

describe('document names', () => {
  it('are built from an incident id and a kind', () => {
    expect(timelineDocumentName(ID)).toBe(`incident/${ID}/timeline`);
    expect(postmortemDocumentName(ID)).toBe(`incident/${ID}/postmortem`);
  });

  it('parse back into the incident id and kind', () => {
    expect(parseDocumentName(`incident/${ID}/timeline`)).toEqual({
      incidentId: ID,
      kind: 'timeline',
    });
    expect(parseDocumentName(`incident/${ID}/postmortem`)).toEqual({
      incidentId: ID,
      kind: 'postmortem',
    });
  });

  it('cannot be built from something that is not a lower-case uuid', () => {
    expect(() => documentName('../etc', 'timeline')).toThrow(RangeError);
    expect(() => documentName(ID.toUpperCase(), 'timeline')).toThrow(RangeError);
  });

  it.each([
    ['an empty name', ''],
    ['a bare id', ID],
    ['a parent segment', `incident/../${ID}/timeline`],
    ['a parent segment instead of the kind', `incident/${ID}/..`],
    ['dots instead of the id', 'incident/../timeline'],
    ['an extra segment', `incident/${ID}/timeline/extra`],
    ['a leading slash', `/incident/${ID}/timeline`],
    ['a trailing slash', `incident/${ID}/timeline/`],
    ['a doubled slash', `incident//${ID}/timeline`],
    ['a backslash', `incident\\${ID}\\timeline`],
    ['an unknown kind', `incident/${ID}/secrets`],
    ['another collection', `automation/${ID}/timeline`],
    ['an upper-case id', `incident/${ID.toUpperCase()}/timeline`],
    ['a short id', `incident/${ID.slice(1)}/timeline`],
    ['a non-hex id', `incident/${ID.replace(/^0/, 'g')}/timeline`],
    ['surrounding spaces', ` incident/${ID}/timeline `],
    ['a trailing newline', `incident/${ID}/timeline\n`],
    ['a NUL byte', `incident/${ID}/timeline\0x`],
    ['an encoded slash', `incident%2F${ID}%2Ftimeline`],
    ['a very long name', `incident/${ID}/timeline`.padEnd(10_000, 'x')],
  ])('refuse %s', (_label, name) => {
    expect(parseDocumentName(name)).toBeNull();
  });

  it('refuse anything longer than the limit before matching', () => {
    const name = `incident/${ID}/timeline`;
    expect(name.length).toBeLessThanOrEqual(MAX_DOCUMENT_NAME_LENGTH);
    expect(parseDocumentName(name + 'x'.repeat(MAX_DOCUMENT_NAME_LENGTH))).toBeNull();
  });

  it('refuse values that are not strings', () => {
    expect(parseDocumentName(undefined)).toBeNull();
    expect(parseDocumentName({ toString: () => `incident/${ID}/timeline` })).toBeNull();
  });
});
