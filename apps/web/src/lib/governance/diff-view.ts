/**
 * The structured diff of a change request, arranged for reading: grouped per module (or per
 * policy rule), each line saying where in words, with values in words and reworded text shown
 * word by word.
 */
import {
  FAILURE_KIND_LABELS,
  PROSE_FIELDS,
  ROLE_LABELS,
  SEVERITIES,
  escapePathSegment,
  isJsonObject,
  keyedListKeys,
  splitPath,
  type DocumentChange,
  type FailureKind,
  type IncidentRole,
  type Platform,
} from '@keel/domain';
import { PLATFORM_LABELS } from '$lib/labels';
import { RISK_LABELS } from './labels';
import { describePath, itemName, itemNoun } from './paths';

/** Names for ids a document holds, so values read as names. */
export interface ValueNames {
  /** A team's name by its id. */
  teams: ReadonlyMap<string, string>;
  /** A module's title by its id, from either version. */
  modules: ReadonlyMap<string, string>;
}

/** One run of words in a reworded text. */
export interface TextPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

/** One line of the diff as shown. */
export interface DiffLine {
  change: DocumentChange;
  /** Where within its group, in words; empty when the line is the group's item itself. */
  where: string;
  /** The old value in words, when there was one. */
  before: string | null;
  /** The new value in words, when there is one. */
  after: string | null;
  /** Word-by-word rewording, for text changed from text to text. */
  words: TextPart[] | null;
}

/** The lines about one module, one policy rule, or the document as a whole. */
export interface DiffGroup {
  /** `/modules/<id>`, `/rules/<level>`, or `''` for everything else. */
  key: string;
  title: string;
  lines: DiffLine[];
}

/** Top-level lists whose items get a group of their own. */
const GROUPED_LISTS = new Set(['modules', 'rules']);

/** The group a path belongs to: `/modules/<id>`, `/rules/<level>`, or `''`. */
export function groupKeyOf(path: string): string {
  const [first, second] = splitPath(path);
  return first !== undefined && second !== undefined && GROUPED_LISTS.has(first)
    ? `/${first}/${second}`
    : '';
}

/** Module titles by id from any of the documents, the first naming each id winning. */
export function moduleTitles(...documents: unknown[]): Map<string, string> {
  const titles = new Map<string, string>();

  for (const document of documents) {
    const modules = isJsonObject(document) ? document.modules : undefined;
    if (!Array.isArray(modules)) continue;

    for (const module of modules) {
      if (isJsonObject(module) && typeof module.id === 'string' && !titles.has(module.id)) {
        titles.set(module.id, itemName(module, module.id));
      }
    }
  }

  return titles;
}

function isKnown<T extends string>(labels: Readonly<Record<T, string>>, value: string): value is T {
  return Object.hasOwn(labels, value);
}

/** A field's value in words; `field` is the last segment of its path. */
export function formatValue(field: string, value: unknown, names: ValueNames): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);

  if (typeof value === 'string') {
    if (value === '') return '(empty)';
    if (field === 'role' && isKnown(ROLE_LABELS, value)) return ROLE_LABELS[value as IncidentRole];
    if (isKnown(PLATFORM_LABELS, value) && /^\d+$|platforms/.test(field)) {
      return PLATFORM_LABELS[value as Platform];
    }
    if (isKnown(FAILURE_KIND_LABELS, value)) return FAILURE_KIND_LABELS[value as FailureKind];
    if (field.endsWith('TeamId') || field === 'teamId') return names.teams.get(value) ?? value;
    if (field.endsWith('ModuleId')) return names.modules.get(value) ?? value;
    if (field === 'riskLevel' && isKnown(RISK_LABELS, value)) return RISK_LABELS[value];
    return value;
  }

  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value.map((item) => formatValue(field, item, names)).join(', ');
  }

  if (isJsonObject(value)) {
    if (field === 'from' && typeof value.kind === 'string') return approverWords(value, names);
    if (field === 'triggers') return triggerWords(value, names);
    return JSON.stringify(value);
  }

  return String(value);
}

function triggerWords(triggers: Record<string, unknown>, names: ValueNames): string {
  const list = (field: string, none: string) => {
    const value = triggers[field];
    return Array.isArray(value) && value.length > 0 ? formatValue(field, value, names) : none;
  };

  return `${list('platforms', 'any platform')}; ${list('failureKinds', 'any failure')}`;
}

function approverWords(from: Record<string, unknown>, names: ValueNames): string {
  if (from.kind === 'OWNER_TEAM') return 'the owner team';
  if (from.kind === 'ADMIN') return 'admins';
  const teamId = typeof from.teamId === 'string' ? from.teamId : '';
  return `team ${names.teams.get(teamId) ?? teamId}`;
}

/** A whole item (an added step, a removed gate) summed up in one line. */
export function summariseItem(list: string, item: unknown, names: ValueNames): string {
  const name = itemName(item, '');
  if (!isJsonObject(item)) return formatValue(list, item, names);

  switch (list) {
    case 'steps': {
      const role = formatValue('role', item.role, names);
      return `${name} (${role}, ${formatValue('', item.expectedMinutes, names)} min)`;
    }
    case 'options':
      return `${name} → ${formatValue('nextModuleId', item.nextModuleId, names)}`;
    case 'gates': {
      const options = Array.isArray(item.options) ? item.options : [];
      return `${name} (${options.map((option) => itemName(option, '')).join(' / ')})`;
    }
    case 'escalations':
      return escalationWords(item, names);
    case 'modules': {
      const count = (list: unknown, noun: string) =>
        Array.isArray(list) && list.length > 0
          ? `${list.length} ${noun}${list.length === 1 ? '' : 's'}`
          : null;
      const parts = [count(item.steps, 'step'), count(item.gates, 'gate')].filter(Boolean);
      return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
    }
    case 'requirements':
      return (
        `${name}: ${formatValue('', item.count, names)} from ` +
        formatValue('from', item.from, names)
      );
    default:
      return name || JSON.stringify(item);
  }
}

function escalationWords(item: Record<string, unknown>, names: ValueNames): string {
  const team = formatValue('specialistTeamId', item.specialistTeamId, names);
  const when = [
    typeof item.afterMinutes === 'number' ? `after ${item.afterMinutes} min` : null,
    typeof item.atSeverity === 'string' &&
    (SEVERITIES as readonly string[]).includes(item.atSeverity)
      ? `at ${item.atSeverity} or worse`
      : null,
  ].filter((part) => part !== null);

  return `Bring in ${team}${when.length > 0 ? ` ${when.join(' or ')}` : ''}`;
}

/** Longest texts compared word by word, in words; longer ones show as replaced whole. */
const MAX_WORDS = 400;

/**
 * The rewording from `before` to `after`, word by word: the longest run of words both share
 * stays, the rest is marked removed or added. Whitespace sticks to the word before it.
 */
export function wordDiff(before: string, after: string): TextPart[] {
  const a = before.match(/\S+\s*/g) ?? [];
  const b = after.match(/\S+\s*/g) ?? [];

  if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
    return [
      { text: before, kind: 'removed' },
      { text: after, kind: 'added' },
    ];
  }

  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );

  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      common[i]![j] =
        a[i]!.trim() === b[j]!.trim()
          ? common[i + 1]![j + 1]! + 1
          : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }

  const parts: TextPart[] = [];
  const push = (text: string, kind: TextPart['kind']) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ text, kind });
  };

  let i = 0;
  let j = 0;

  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i]!.trim() === b[j]!.trim()) {
      push(b[j]!, 'same');
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || common[i]![j + 1]! >= common[i + 1]![j]!)) {
      push(b[j]!, 'added');
      j += 1;
    } else {
      push(a[i]!, 'removed');
      i += 1;
    }
  }

  return parts;
}

/** Fields of free text, shown word by word when reworded; the rest are values. */
const REWORDABLE_FIELDS: ReadonlySet<string> = new Set([...PROSE_FIELDS, 'complianceNotes']);

/** One change as a line of its group. */
function lineOf(
  change: DocumentChange,
  group: string,
  documents: readonly unknown[],
  names: ValueNames,
): DiffLine {
  const segments = splitPath(change.path);
  const field = segments.at(-1) ?? '';
  const list = segments.at(-2) ?? '';
  const groupDepth = splitPath(group).length;
  const parts = describePath(change.path, documents);
  const where = parts.slice(groupDepth === 0 ? 0 : 1).join(' › ');

  if (change.operation === 'MOVED') {
    const from = Number(change.before) + 1;
    const to = Number(change.after) + 1;
    return { change, where, before: `position ${from}`, after: `position ${to}`, words: null };
  }

  // A whole item of a keyed list (an added step): summed up rather than dumped as JSON.
  const wholeItem = isJsonObject(change.before ?? change.after) && itemNoun(list) !== 'Item';
  const words = (value: unknown) =>
    value === undefined
      ? null
      : wholeItem
        ? summariseItem(list, value, names)
        : formatValue(field, value, names);

  const textChange =
    change.operation === 'CHANGED' &&
    REWORDABLE_FIELDS.has(field) &&
    typeof change.before === 'string' &&
    typeof change.after === 'string' &&
    change.before !== '' &&
    change.after !== '';

  return {
    change,
    where,
    before: words(change.before),
    after: words(change.after),
    words: textChange ? wordDiff(change.before as string, change.after as string) : null,
  };
}

/**
 * A keyed list added or removed whole (a new playbook's modules) becomes one change per item,
 * so each module gets its own group and its own place to comment.
 */
export function splitWholeLists(changes: readonly DocumentChange[]): DocumentChange[] {
  return changes.flatMap((change) => {
    const value = change.operation === 'ADDED' ? change.after : change.before;
    const keys =
      change.operation === 'ADDED' || change.operation === 'REMOVED' ? keyedListKeys(value) : null;

    if (!keys || keys.length === 0 || !Array.isArray(value)) return [change];

    return keys.map((key, index) => ({
      operation: change.operation,
      path: `${change.path}/${escapePathSegment(key)}`,
      ...(change.operation === 'ADDED' ? { after: value[index] } : { before: value[index] }),
    }));
  });
}

/**
 * Groups a diff for reading: changes to the document as a whole first (title, triggers…),
 * then one group per module or policy rule in the order the diff reaches them. Names come from
 * the proposed document, or the base one for what was removed.
 */
export function groupDiff(
  changes: readonly DocumentChange[],
  base: unknown,
  proposed: unknown,
  teams: ReadonlyMap<string, string>,
): DiffGroup[] {
  const documents = [proposed, base];
  const names: ValueNames = { teams, modules: moduleTitles(proposed, base) };
  const groups = new Map<string, DiffGroup>();

  for (const change of splitWholeLists(changes)) {
    const key = groupKeyOf(change.path);
    let group = groups.get(key);

    if (!group) {
      const title = key === '' ? 'Whole document' : (describePath(key, documents)[0] ?? key);
      group = { key, title, lines: [] };
      groups.set(key, group);
    }

    group.lines.push(lineOf(change, key, documents, names));
  }

  const whole = groups.get('');
  const rest = [...groups.values()].filter((group) => group.key !== '');
  return whole ? [whole, ...rest] : rest;
}

/** Threads (or anything with a path) by path, each list in its original order. */
export function byPath<T extends { path: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();

  for (const item of items) {
    const list = map.get(item.path);
    if (list) list.push(item);
    else map.set(item.path, [item]);
  }

  return map;
}
