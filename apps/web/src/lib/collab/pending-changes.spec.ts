import { describe, expect, it } from 'vitest';
import { PENDING_KEY, PendingChanges, type PendingChangesStore } from './pending-changes';

function memoryStore(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  const store: PendingChangesStore = {
    get: async (key) => values.get(key),
    set: async (key, value) => values.set(key, value),
  };
  return { store, values };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('PendingChanges', () => {
  it('counts local changes and keeps the count for the next visit', async () => {
    const { store, values } = memoryStore();
    const pending = new PendingChanges(store, () => {});
    await pending.restore();

    pending.add();
    pending.add();
    await settle();

    expect(pending.count).toBe(2);
    expect(values.get(PENDING_KEY)).toBe(2);
  });

  it('shows changes of an earlier visit as unsaved after a reload', async () => {
    const { store } = memoryStore({ [PENDING_KEY]: 3 });
    const seen: number[] = [];
    const pending = new PendingChanges(store, (count) => seen.push(count));

    await pending.restore();

    expect(pending.count).toBe(3);
    expect(seen).toEqual([3]);
  });

  it('adds changes made while restoring to the stored count, not over it', async () => {
    const { store, values } = memoryStore({ [PENDING_KEY]: 2 });
    const pending = new PendingChanges(store, () => {});

    pending.add();
    await settle();
    expect(values.get(PENDING_KEY)).toBe(2);
    await pending.restore();
    await settle();

    expect(pending.count).toBe(3);
    expect(values.get(PENDING_KEY)).toBe(3);
  });

  it('goes to zero, here and in the store, once the server confirms', async () => {
    const { store, values } = memoryStore({ [PENDING_KEY]: 4 });
    const pending = new PendingChanges(store, () => {});
    await pending.restore();

    pending.confirm();
    await settle();

    expect(pending.count).toBe(0);
    expect(values.get(PENDING_KEY)).toBe(0);
  });

  it('ignores a stored value that is not a count', async () => {
    const { store } = memoryStore({ [PENDING_KEY]: 'three' });
    const pending = new PendingChanges(store, () => {});

    await pending.restore();

    expect(pending.count).toBe(0);
  });

  it('keeps counting when the store cannot be read', async () => {
    const store: PendingChangesStore = {
      get: () => Promise.reject(new Error('closed')),
      set: () => Promise.reject(new Error('closed')),
    };
    const pending = new PendingChanges(store, () => {});

    await pending.restore();
    pending.add();
    await settle();

    expect(pending.count).toBe(1);
  });
});
