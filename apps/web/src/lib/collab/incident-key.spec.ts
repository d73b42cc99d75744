import { describe, expect, it } from 'vitest';
import { incidentKeyOf, keyOfGlobalId } from './incident-key';

const UUID = '0b8f3c1e-5a2d-4c6e-9f10-2a3b4c5d6e7f';
const encode = (text: string) => Buffer.from(text).toString('base64url');

describe('incidentKeyOf', () => {
  it('returns the UUID inside an incident id', () => {
    expect(incidentKeyOf(encode(`Incident:${UUID}`))).toBe(UUID);
  });

  it('refuses an id of another type', () => {
    expect(incidentKeyOf(encode(`User:${UUID}`))).toBeNull();
  });

  it('refuses malformed ids and keys', () => {
    expect(incidentKeyOf('not base64!')).toBeNull();
    expect(incidentKeyOf(encode('Incident:ABC'))).toBeNull();
    expect(incidentKeyOf(encode(`Incident:${UUID.toUpperCase()}`))).toBeNull();
    expect(incidentKeyOf('')).toBeNull();
  });
});

describe('keyOfGlobalId', () => {
  it('decodes ids whose base64url needs padding', () => {
    expect(keyOfGlobalId(encode(`User:${UUID}`), 'User')).toBe(UUID);
  });
});
