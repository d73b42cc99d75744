import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

/**
 * Fetches the data behind `key` again after a live change, unless a navigation is under way.
 * SvelteKit lets the latest of an invalidation and a navigation win, so a refresh started while
 * someone follows a link (or a form redirects) would keep them on the page they are leaving;
 * the navigation brings fresh data anyway.
 */
export async function refreshLiveData(key: `keel:${string}`): Promise<void> {
  if (navigating.to) {
    return;
  }

  await invalidate(key);
}
