import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';

/**
 * Checks a form before it is sent; returns the sentence to show, or null to send it. Lets a
 * page refuse what the API would refuse without a round trip.
 */
export type FormCheck = (data: FormData) => string | null;

/**
 * The forms of a page that writes to one versioned record (the war room): which form is being
 * sent, what the app refused before sending, and the reload after a CONFLICT, so the page
 * shows the latest version with the "someone changed this" notice beside the form.
 */
export class WriteForms {
  /** The form being sent, by name; null when none is. */
  pending = $state<string | null>(null);

  /** The form the app refused before sending, and why. */
  refused = $state<{ form: string; message: string } | null>(null);

  /**
   * The `use:enhance` handler for the form `name`. With `check`, a form that fails it is not
   * sent. `onDone` runs after a successful write, once the page has its new data.
   */
  enhance(name: string, check?: FormCheck, onDone?: () => void): SubmitFunction {
    return ({ formData, cancel }) => {
      const problem = check?.(formData) ?? null;

      if (problem) {
        this.refused = { form: name, message: problem };
        cancel();
        return;
      }

      this.refused = null;
      this.pending = name;

      return async ({ result, update }) => {
        // The page's data is reloaded, but the form is not reset: a reset would put back the
        // values the page was first rendered with, not the ones just loaded. Each panel clears
        // its own fields, usually by rendering the form anew when the record moves on.
        await update({ reset: false });

        if (result.type === 'failure' && result.data?.code === 'CONFLICT') {
          await invalidateAll();
        }

        if (result.type === 'success') {
          onDone?.();
        }

        this.pending = null;
      };
    };
  }

  /** The app's own refusal for the form `name`, if it is the last one refused. */
  refusalOf(name: string): string | null {
    return this.refused?.form === name ? this.refused.message : null;
  }
}
