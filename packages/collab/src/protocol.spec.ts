import { describe, expect, it } from 'vitest';
import {
  COLLAB_CODES,
  parseRefusalReason,
  refusalReason,
  type CollabCodeName,
} from './protocol.js';

describe('collab codes', () => {
  it('are distinct', () => {
    const codes = Object.values(COLLAB_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are within the ranges WebSocket close frames allow', () => {
    for (const code of Object.values(COLLAB_CODES)) {
      expect(code === 1001 || code === 1009 || (code >= 4000 && code <= 4999)).toBe(true);
    }
  });

  it('travel as "<code> <slug>" reasons that parse back', () => {
    expect(refusalReason('notFound')).toBe('4404 not-found');
    for (const name of Object.keys(COLLAB_CODES) as CollabCodeName[]) {
      expect(parseRefusalReason(refusalReason(name))).toEqual({ code: COLLAB_CODES[name], name });
    }
  });

  it('do not parse from other text', () => {
    expect(parseRefusalReason('permission-denied')).toBeNull();
    expect(parseRefusalReason('4404')).toBeNull();
  });
});
