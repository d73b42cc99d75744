/**
 * The playbook editor's state and rules, kept out of the components so they can be tested:
 * blank items with fresh ids, reordering, and the validator's problems placed on the fields
 * they are about.
 */
import {
  DOCUMENT_ID_PATTERN,
  isJsonObject,
  type DocumentProblem,
  type EscalationRule,
  type DecisionGate,
  type GateOption,
  type PlaybookCheck,
  type PlaybookDocument,
  type PlaybookModule,
  type PlaybookStep,
  type RollbackStep,
} from '@keel/domain';

/** The longest id the editor derives from a title; the domain allows 63 characters. */
const MAX_DERIVED_ID_LENGTH = 40;

/** A title as an id, lowercase words joined by hyphens: "Contain it!" becomes "contain-it". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_DERIVED_ID_LENGTH)
    .replace(/-+$/, '');

  return DOCUMENT_ID_PATTERN.test(slug) ? slug : '';
}

/** `base` if no item has it yet, else `base-2`, `base-3`…; `fallback` when base is empty. */
export function uniqueId(base: string, taken: Iterable<string>, fallback = 'item'): string {
  const used = new Set(taken);
  const start = slugify(base) || fallback;

  if (!used.has(start)) return start;

  for (let n = 2; ; n += 1) {
    const candidate = `${start}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The ids of a list's items. */
function idsOf(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id);
}

/** Every id used anywhere in the playbook, so a new item's id is unique across lists too. */
export function allIds(document: PlaybookDocument): string[] {
  return document.modules.flatMap((module) => [
    module.id,
    ...idsOf(module.steps),
    ...idsOf(module.gates),
    ...module.gates.flatMap((gate) => idsOf(gate.options)),
    ...idsOf(module.rollback),
    ...idsOf(module.integrityChecks),
    ...idsOf(module.verificationTests),
    ...idsOf(module.escalations),
  ]);
}

/** A module with nothing in it yet. */
export function blankModule(taken: Iterable<string>, title = ''): PlaybookModule {
  return {
    id: uniqueId(title, taken, 'module'),
    title,
    purpose: '',
    steps: [],
    gates: [],
    rollback: [],
    integrityChecks: [],
    verificationTests: [],
    escalations: [],
    complianceNotes: '',
  };
}

/** A step for the technical resolver, fifteen minutes long. */
export function blankStep(taken: Iterable<string>): PlaybookStep {
  return {
    id: uniqueId('', taken, 'step'),
    title: '',
    detail: '',
    role: 'TECHNICAL_RESOLVER',
    requiredArtifacts: [],
    expectedMinutes: 15,
  };
}

/** An option leading to `nextModuleId`. */
export function blankOption(taken: Iterable<string>, nextModuleId: string): GateOption {
  return { id: uniqueId('', taken, 'option'), label: '', nextModuleId };
}

/** A gate with the two options every gate needs. */
export function blankGate(taken: Iterable<string>, nextModuleId: string): DecisionGate {
  const used = [...taken];
  const id = uniqueId('', used, 'gate');
  const first = blankOption([...used, id], nextModuleId);
  const second = blankOption([...used, id, first.id], nextModuleId);
  return { id, question: '', options: [first, second] };
}

export function blankCheck(taken: Iterable<string>, fallback: string): PlaybookCheck {
  return { id: uniqueId('', taken, fallback), description: '' };
}

export function blankRollback(taken: Iterable<string>): RollbackStep {
  return { id: uniqueId('', taken, 'rollback'), instruction: '' };
}

export function blankEscalation(taken: Iterable<string>, teamId: string): EscalationRule {
  return {
    id: uniqueId('', taken, 'escalation'),
    specialistTeamId: teamId,
    afterMinutes: 60,
    atSeverity: null,
    note: '',
  };
}

/** A new playbook: one module, which is where runs start. */
export function blankPlaybook(ownerTeamId: string): PlaybookDocument {
  const first = blankModule([], 'Triage');

  return {
    title: '',
    summary: '',
    ownerTeamId,
    triggers: { platforms: [], failureKinds: [] },
    reviewIntervalDays: 90,
    entryModuleId: first.id,
    modules: [first],
  };
}

/**
 * A document from the API as the editor's starting point. The server only stores documents
 * that passed validation, so the shape holds; lists are copied so edits never touch the
 * loaded data.
 */
export function editableCopy(document: Record<string, unknown>): PlaybookDocument {
  return structuredClone(document) as unknown as PlaybookDocument;
}

/** Moves the item at `index` by `delta` places within the list; out of range does nothing. */
export function moveItem<T>(list: T[], index: number, delta: number): void {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return;

  const [item] = list.splice(index, 1);
  list.splice(target, 0, item as T);
}

/**
 * The path of each item of a keyed list, as the validator names them: by id when the id is
 * well formed and not taken by an earlier item, else by `#index`.
 */
export function keyedPaths(listPath: string, items: readonly unknown[]): string[] {
  const seen = new Set<string>();

  return items.map((item, index) => {
    const id = isJsonObject(item) ? item.id : undefined;

    if (typeof id === 'string' && DOCUMENT_ID_PATTERN.test(id) && !seen.has(id)) {
      seen.add(id);
      return `${listPath}/${id}`;
    }

    return `${listPath}/#${index}`;
  });
}

/** Problems by the exact path they are about. */
export type ProblemMap = ReadonlyMap<string, readonly string[]>;

/** Indexes the validator's problems by path. */
export function problemMap(problems: readonly DocumentProblem[]): ProblemMap {
  const map = new Map<string, string[]>();

  for (const problem of problems) {
    const list = map.get(problem.path);
    if (list) list.push(problem.message);
    else map.set(problem.path, [problem.message]);
  }

  return map;
}

/** The messages about `path` itself, joined into one text; null when there are none. */
export function problemText(map: ProblemMap, path: string): string | null {
  const messages = map.get(path);
  return messages && messages.length > 0 ? messages.join(' ') : null;
}

/** How many problems lie at `path` or anywhere under it. */
export function problemsUnder(map: ProblemMap, path: string): number {
  let count = 0;

  for (const [at, messages] of map) {
    if (at === path || at.startsWith(`${path}/`)) count += messages.length;
  }

  return count;
}

/**
 * The element id of the field for `path`, so a problem in the summary can link to its field.
 * Paths hold only id characters, `/` and `#`, which are mapped to `.` and `_`.
 */
export function fieldId(path: string): string {
  return `field${path.replaceAll('/', '.').replaceAll('#', '_')}`;
}

/** Parses a list written one item per line, trimmed, blank lines dropped. */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
