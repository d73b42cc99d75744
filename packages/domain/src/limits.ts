/**
 * Input size limits, shared so that a web form refuses exactly what the server would refuse.
 *
 * Lengths are counted in UTF-16 code units (JavaScript's `String.length`), the same unit as the
 * HTML `maxlength` attribute. A string within a limit in code units is also within it in
 * characters, so a database column sized in characters always fits.
 */

/** Longest incident or automation title, in characters. */
export const MAX_TITLE_LENGTH = 200;

/** Longest free-text summary or description, in characters. */
export const MAX_SUMMARY_LENGTH = 10_000;

/** Longest note: a timeline entry, a transition reason, a handoff note. */
export const MAX_NOTE_LENGTH = 2_000;

/** Longest name of a person, organisation, department or automation, in characters. */
export const MAX_NAME_LENGTH = 120;

/** Longest URL, in characters; 2,048 is what browsers and proxies reliably carry. */
export const MAX_URL_LENGTH = 2_048;

/** Most items in one list-valued input, such as the data kinds of an automation. */
export const MAX_LIST_ITEMS = 50;

/** Most rows one page of results may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Shortest password accepted, in characters. */
export const MIN_PASSWORD_LENGTH = 10;

/** Longest password accepted; the cap keeps hashing cost bounded for hostile input. */
export const MAX_PASSWORD_LENGTH = 200;

/** Whether `value` holds something other than whitespace; missing values hold nothing. */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** How {@link checkText} judges one field. */
export interface TextRule {
  /** The field's name as the user sees it, starting with a capital: "Title". */
  field: string;
  /** Most characters allowed (UTF-16 code units). */
  max: number;
  /**
   * Fewest characters allowed when a value is given.
   * @default 0
   */
  min?: number;
  /**
   * Whether a missing or whitespace-only value is a problem.
   * @default false
   */
  required?: boolean;
}

/**
 * Checks one text input against its limits and returns the problem as a sentence for the user,
 * or null when the value is acceptable. A blank optional value is acceptable. The length is
 * measured on the value as given, untrimmed, because that is what would be stored; a caller
 * that trims before storing should trim before checking.
 */
export function checkText(value: string | null | undefined, rule: TextRule): string | null {
  const { field, max, min = 0, required = false } = rule;

  if (!hasText(value)) {
    return required ? `${field} is required.` : null;
  }

  const length = value.length;

  if (length > max) {
    return `${field} must be at most ${max} characters (it has ${length}).`;
  }

  if (length < min) {
    return `${field} must be at least ${min} characters (it has ${length}).`;
  }

  return null;
}

/**
 * Checks a password against {@link MIN_PASSWORD_LENGTH} and {@link MAX_PASSWORD_LENGTH}.
 * Passwords are never trimmed: spaces are legitimate characters in a passphrase.
 */
export function checkPassword(value: string | null | undefined): string | null {
  return checkText(value, {
    field: 'Password',
    min: MIN_PASSWORD_LENGTH,
    max: MAX_PASSWORD_LENGTH,
    required: true,
  });
}

/**
 * Checks the number of items in a list-valued input and returns the problem as a sentence, or
 * null when the list is short enough.
 * @param max defaults to {@link MAX_LIST_ITEMS}
 */
export function checkListSize(
  items: readonly unknown[],
  field: string,
  max: number = MAX_LIST_ITEMS,
): string | null {
  if (items.length > max) {
    return `${field} can have at most ${max} entries (it has ${items.length}).`;
  }

  return null;
}
