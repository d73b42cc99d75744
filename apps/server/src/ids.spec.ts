import { describe, expect, it } from 'vitest';
import { fromGlobalId, keyOf, toGlobalId, uuidv7 } from './ids.js';

describe('uuidv7', () => {
  it('makes version-7 UUIDs that sort by creation time', () => {
    const earlier = uuidv7(1_700_000_000_000);
    const later = uuidv7(1_700_000_000_001);

    expect(earlier).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(earlier < later).toBe(true);
  });
});

describe('global ids', () => {
  it('round-trips a type and key through an opaque id', () => {
    const key = uuidv7();
    const id = toGlobalId('Incident', key);

    expect(id).not.toContain(key);
    expect(fromGlobalId(id)).toEqual({ type: 'Incident', key });
    expect(keyOf(id, 'Incident')).toBe(key);
  });

  it('encodes the UTF-8 bytes of the type and key, however long the key', () => {
    for (const key of [uuidv7(), 'ü'.repeat(3), 'k'.repeat(300), 'ü'.repeat(200)]) {
      expect(toGlobalId('Team', key)).toBe(Buffer.from(`Team:${key}`).toString('base64url'));
    }
  });

  it('treats ids of another type, unknown types and garbage as missing', () => {
    const id = toGlobalId('Automation', uuidv7());

    expect(keyOf(id, 'Incident')).toBeNull();
    expect(fromGlobalId(Buffer.from(`Secret:${uuidv7()}`).toString('base64url'))).toBeNull();
    expect(fromGlobalId('not-an-id')).toBeNull();
    expect(fromGlobalId(Buffer.from('Incident:1 or 1=1').toString('base64url'))).toBeNull();
    expect(fromGlobalId('x'.repeat(500))).toBeNull();
  });
});
