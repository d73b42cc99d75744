import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from './update-check.js';

function someUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, 'Payments stopped at 09:12');
  doc.getMap('entries').set('a', { kind: 'NOTE' });
  return Y.encodeStateAsUpdate(doc);
}

describe('checkUpdate', () => {
  it('accepts an update with changes', () => {
    expect(checkUpdate(someUpdate())).toBe('changes');
  });

  it('accepts an update that only deletes', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const before = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 1);

    expect(checkUpdate(Y.encodeStateAsUpdate(doc, before))).toBe('changes');
  });

  it('recognises the empty two-byte sync step 2 every connection sends', () => {
    expect(checkUpdate(new Uint8Array([0, 0]))).toBe('no-op');
    expect(checkUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe('no-op');
  });

  it('refuses zero bytes', () => {
    expect(checkUpdate(new Uint8Array())).toBe('invalid');
  });

  it('refuses every truncation of a valid update', () => {
    const update = someUpdate();
    for (let length = 1; length < update.byteLength; length += 1) {
      expect(checkUpdate(update.subarray(0, length)), `first ${length} bytes`).toBe('invalid');
    }
  });

  it('refuses garbage', () => {
    expect(checkUpdate(new TextEncoder().encode('{"not":"yjs"}'))).toBe('invalid');
    expect(checkUpdate(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(
      'invalid',
    );
    expect(checkUpdate(Uint8Array.from([1, 1, 200, 1, 0, 31]))).toBe('invalid');
  });
});
