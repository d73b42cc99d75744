/** Where the count is kept between visits: the document's own IndexedDB store, in the app. */
export interface PendingChangesStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: number): Promise<unknown>;
}

/** The key under which the count is kept. */
export const PENDING_KEY = 'unsyncedChanges';

/**
 * The number of local changes to one live document that the server has not confirmed storing,
 * kept with the document so that it survives a reload. Without that, a page reloaded offline
 * would show edits from before the reload (restored from IndexedDB) as if they were saved.
 *
 * The count is only written after the stored one was read, so a change made while the page is
 * still restoring adds to the stored count instead of overwriting it.
 */
export class PendingChanges {
  readonly #store: PendingChangesStore;
  readonly #onChange: (count: number) => void;
  #count = 0;
  #restored = false;

  /** `onChange` is called with the new count whenever it changes. */
  constructor(store: PendingChangesStore, onChange: (count: number) => void) {
    this.#store = store;
    this.#onChange = onChange;
  }

  /** Local changes not yet confirmed, counting those of earlier visits once restored. */
  get count(): number {
    return this.#count;
  }

  /** Adds the count kept by an earlier visit; call once the local copy has loaded. */
  async restore(): Promise<void> {
    if (this.#restored) return;
    const stored = await this.#store.get(PENDING_KEY).catch(() => undefined);
    this.#restored = true;

    const earlier = typeof stored === 'number' && Number.isInteger(stored) && stored > 0;
    if (earlier) this.#set(this.#count + stored);
  }

  /** Counts one local change. */
  add(): void {
    this.#set(this.#count + 1);
  }

  /** The server has confirmed storing everything this client holds. */
  confirm(): void {
    if (this.#count !== 0) this.#set(0);
  }

  #set(count: number): void {
    this.#count = count;
    this.#onChange(count);
    // A failed write only costs the count after a reload; the changes themselves are stored.
    if (this.#restored) void this.#store.set(PENDING_KEY, count).catch(() => undefined);
  }
}
