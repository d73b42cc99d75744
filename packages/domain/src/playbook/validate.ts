/**
 * Validation of playbook and approval-policy documents as they arrive: untrusted JSON from the
 * GraphQL API or a browser form. One pass checks every field and reports every problem it finds,
 * each with the path of the field, so a form can mark them all at once.
 *
 * Paths use the same id-based format as diffs (`/modules/contain/steps/export/title`). An item
 * of a keyed list whose key is missing, malformed or already taken by an earlier item is named
 * by its position instead: `#` and its zero-based index, as in `/modules/#2/id`. `#` cannot
 * occur in an id, so such a path never names another item. Items of lists of plain values
 * (platforms, required artifacts) are named by their index, as in JSON Pointer.
 */

import { INCIDENT_ROLES, isOneOf, PLATFORMS, SEVERITIES } from '../incident.js';
import {
  checkListSize,
  checkText,
  hasText,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  type TextRule,
} from '../limits.js';
import { escapePathSegment, isJsonObject, propertyOf, type JsonObject } from './diff.js';
import {
  CHANGE_RISK_LEVELS,
  FAILURE_KINDS,
  type ApprovalPolicyDocument,
  type ApprovalRequirement,
  type ApprovalRule,
  type ApproverSelector,
  type DecisionGate,
  type EscalationRule,
  type GateOption,
  type PlaybookCheck,
  type PlaybookDocument,
  type PlaybookModule,
  type PlaybookStep,
  type RollbackStep,
} from './document.js';

/** What is wrong at one place of a document. */
export interface DocumentProblem {
  /** Where, in the id-based path format of `DocumentChange`; `''` is the whole document. */
  path: string;
  /** A sentence for the author, ending with a full stop: "Step title is required." */
  message: string;
}

/** A document that passed validation, normalised, or everything wrong with it. */
export type DocumentValidation<T> =
  { ok: true; document: T } | { ok: false; problems: DocumentProblem[] };

/** The outcome of {@link validatePlaybookDocument}. */
export type PlaybookValidation = DocumentValidation<PlaybookDocument>;

/** The outcome of {@link validateApprovalPolicyDocument}. */
export type ApprovalPolicyValidation = DocumentValidation<ApprovalPolicyDocument>;

/**
 * The ids of modules, steps, gates and the other keyed items: a lowercase slug of 1 to 63
 * characters, so that ids read well in paths and never need escaping there.
 */
export const DOCUMENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Longest team id a document may name; the server then checks the team exists. */
export const MAX_TEAM_ID_LENGTH = 64;

/** Inclusive ranges of the whole-number fields of playbooks and approval policies. */
export const DOCUMENT_NUMBER_RANGES = {
  /** Minutes a step should take: up to a week. */
  expectedMinutes: { min: 1, max: 10_080 },
  /** Days between reviews of a playbook: up to two years. */
  reviewIntervalDays: { min: 1, max: 730 },
  /** Approvals one requirement of a policy may ask for. */
  approvalCount: { min: 1, max: 10 },
  /** Hours an emergency change may wait for its review: up to thirty days. */
  emergencyReviewHours: { min: 1, max: 720 },
} as const;

/** An inclusive range of whole numbers. */
interface Range {
  min: number;
  max: number;
}

const ID_RULE_MESSAGE =
  'must be 1 to 63 lowercase letters, digits or hyphens, starting with a letter or digit.';

/** How the items of one keyed list are named and told apart. */
interface KeySpec {
  /** The property holding the key. */
  property: 'id' | 'riskLevel';
  /** The item as a user names it, lowercase: "step", "integrity check". */
  noun: string;
  /** The problem with a key of the right type that is not acceptable. */
  invalid: string;
  isValid: (key: string) => boolean;
  duplicate: (key: string) => string;
}

function idSpec(noun: string): KeySpec {
  return {
    property: 'id',
    noun,
    invalid: `${capitalise(noun)} id ${ID_RULE_MESSAGE}`,
    isValid: (key) => DOCUMENT_ID_PATTERN.test(key),
    duplicate: (key) => `Another ${noun} already has the id ${key}.`,
  };
}

/** An item read from a keyed list, with its key when the key was accepted. */
interface KeyedItem<T> {
  key: string | null;
  value: T;
}

/**
 * Reads fields out of untrusted JSON, collecting problems as it goes. Each read returns a
 * normalised value, or a stand-in when the input is unusable so reading can carry on and find
 * further problems; stand-ins never reach a caller, because a document with problems is not
 * returned.
 */
class DocumentReader {
  readonly problems: DocumentProblem[] = [];

  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /**
   * The property named by the last segment of `path`, or undefined after reporting that it is
   * missing. Field labels ending in "s" are plural ("Compliance notes"), and no singular one
   * does, so the verb can follow the label.
   */
  present(object: JsonObject, path: string, field: string): unknown {
    const value = propertyOf(object, lastSegment(path));

    if (value === undefined) {
      this.report(path, `${field} ${field.endsWith('s') ? 'are' : 'is'} missing.`);
    }

    return value;
  }

  object(value: unknown, path: string, message: string): JsonObject | null {
    if (isJsonObject(value)) {
      return value;
    }

    this.report(path, message);

    return null;
  }

  /** A text field, trimmed, then checked against `rule` as trimmed text will be stored. */
  text(object: JsonObject, path: string, rule: TextRule): string {
    const value = this.present(object, path, rule.field);

    if (value === undefined) {
      return '';
    }

    return this.textValue(value, path, rule);
  }

  textValue(value: unknown, path: string, rule: TextRule): string {
    if (typeof value !== 'string') {
      this.report(path, `${rule.field} must be text.`);
      return '';
    }

    const trimmed = value.trim();
    const problem = checkText(trimmed, rule);

    if (problem !== null) {
      this.report(path, problem);
    }

    return trimmed;
  }

  /** A team's id: any non-blank text; the server checks that the team exists. */
  teamId(object: JsonObject, path: string, field: string): string {
    return this.text(object, path, { field, max: MAX_TEAM_ID_LENGTH, required: true });
  }

  /** A whole number within `range`; `unit` names what it counts, for the message. */
  integer(object: JsonObject, path: string, field: string, range: Range, unit = ''): number {
    const value = this.present(object, path, field);
    const rule = `${field} must be a whole number${unit && ` of ${unit}`} from ${range.min} to ${
      range.max
    }`;

    if (value === undefined) {
      return range.min;
    }

    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.report(path, `${rule}.`);
      return range.min;
    }

    if (value < range.min || value > range.max) {
      this.report(path, `${rule} (it is ${value}).`);
    }

    return value;
  }

  oneOf<T extends string>(
    object: JsonObject,
    path: string,
    field: string,
    values: readonly T[],
  ): T | null {
    const value = this.present(object, path, field);

    return value === undefined ? null : this.oneOfValue(value, path, field, values);
  }

  oneOfValue<T extends string>(
    value: unknown,
    path: string,
    field: string,
    values: readonly T[],
  ): T | null {
    if (isOneOf(values, value)) {
      return value;
    }

    this.report(path, `${field} must be one of ${values.join(', ')}.`);

    return null;
  }

  /**
   * A list, or null when the value is not one or is too long. The items of an over-long list
   * are not examined: a hostile list may be huge, and one problem says enough.
   */
  list(object: JsonObject, path: string, field: string): unknown[] | null {
    const value = this.present(object, path, field);

    if (value === undefined) {
      return null;
    }

    if (!Array.isArray(value)) {
      this.report(path, `${field} must be a list.`);
      return null;
    }

    const problem = checkListSize(value, field);

    if (problem !== null) {
      this.report(path, problem);
      return null;
    }

    return value;
  }

  /** A list of enum values, each at most once. */
  enumList<T extends string>(
    object: JsonObject,
    path: string,
    field: string,
    itemField: string,
    values: readonly T[],
  ): T[] {
    const seen = new Set<T>();

    (this.list(object, path, field) ?? []).forEach((item, index) => {
      const value = this.oneOfValue(item, `${path}/${index}`, itemField, values);

      if (value !== null && seen.has(value)) {
        this.report(`${path}/${index}`, `${itemField} ${value} is listed twice.`);
      }

      if (value !== null) {
        seen.add(value);
      }
    });

    return [...seen];
  }

  /**
   * The items of a keyed list, each read by `read` under its own path. Keys are checked here:
   * an item whose key is unusable or taken is reported and read under its `#index` path.
   * Items that are not objects are reported and left out.
   */
  keyedItems<T>(
    items: unknown[] | null,
    path: string,
    spec: KeySpec,
    read: (item: JsonObject, itemPath: string, key: string) => T,
  ): KeyedItem<T>[] {
    const result: KeyedItem<T>[] = [];
    const seen = new Set<string>();

    (items ?? []).forEach((raw, index) => {
      const positionPath = `${path}/#${index}`;
      const item = this.object(raw, positionPath, `Each ${spec.noun} must be an object.`);

      if (item === null) {
        return;
      }

      const key = this.key(item, positionPath, spec, seen);
      const itemPath = key === null ? positionPath : `${path}/${escapePathSegment(key)}`;
      const value = read(item, itemPath, key ?? '');

      result.push({ key, value });
    });

    return result;
  }

  private key(item: JsonObject, path: string, spec: KeySpec, seen: Set<string>): string | null {
    const keyPath = `${path}/${spec.property}`;
    const label = spec.property === 'id' ? `${capitalise(spec.noun)} id` : 'Risk level';
    const raw = this.present(item, keyPath, label);

    if (raw === undefined) {
      return null;
    }

    if (typeof raw !== 'string') {
      this.report(keyPath, `${label} must be text.`);
      return null;
    }

    const key = raw.trim();

    if (!spec.isValid(key)) {
      this.report(keyPath, spec.invalid);
      return null;
    }

    if (seen.has(key)) {
      this.report(keyPath, spec.duplicate(key));
      return null;
    }

    seen.add(key);

    return key;
  }
}

/**
 * Checks a playbook document and returns it normalised (text trimmed, unknown properties
 * dropped) or lists everything wrong with it. Every property of the model must be present,
 * including those that may be empty or null, so that a missing field is never mistaken for a
 * deliberate blank.
 *
 * Beyond the type and limits of each field, it checks the playbook as a graph of modules joined
 * by gate options: the entry module and every option's target exist, each gate offers at least
 * two options, every module can be reached from the entry module, and no way from the entry
 * module to a module without gates (where a run ends) avoids compliance notes. Gates may loop
 * back ("retry"); the graph walks visit each module once.
 */
export function validatePlaybookDocument(input: unknown): PlaybookValidation {
  const reader = new DocumentReader();
  const root = reader.object(input, '', 'A playbook must be a JSON object.');

  if (root === null) {
    return { ok: false, problems: reader.problems };
  }

  const rawModules = reader.list(root, '/modules', 'Modules');
  const moduleIds = declaredIds(rawModules);
  const unreadableNotes = new Set<string>();
  const title = reader.text(root, '/title', {
    field: 'Playbook title',
    max: MAX_TITLE_LENGTH,
    required: true,
  });
  const summary = reader.text(root, '/summary', {
    field: 'Playbook summary',
    max: MAX_SUMMARY_LENGTH,
    required: true,
  });
  const ownerTeamId = reader.teamId(root, '/ownerTeamId', 'Owner team');
  const triggers = readTriggers(reader, root);
  const reviewIntervalDays = reader.integer(
    root,
    '/reviewIntervalDays',
    'Review interval',
    DOCUMENT_NUMBER_RANGES.reviewIntervalDays,
    'days',
  );
  const entryModuleId = readModuleReference(reader, root, '/entryModuleId', moduleIds, {
    field: 'Entry module',
    missing: (id) => `Entry module ${id} is not a module of this playbook.`,
  });
  const modules = reader.keyedItems(rawModules, '/modules', idSpec('module'), (item, path, id) =>
    readModule(reader, item, path, id, { moduleIds, unreadableNotes }),
  );

  if (rawModules !== null && rawModules.length === 0) {
    reader.report('/modules', 'A playbook needs at least one module.');
  }

  if (entryModuleId !== null && moduleIds?.has(entryModuleId)) {
    checkModuleGraph(reader, entryModuleId, modules, unreadableNotes);
  }

  if (reader.problems.length > 0) {
    return { ok: false, problems: reader.problems };
  }

  return {
    ok: true,
    document: {
      title,
      summary,
      ownerTeamId,
      triggers,
      reviewIntervalDays,
      entryModuleId: entryModuleId ?? '',
      modules: modules.map((entry) => entry.value),
    },
  };
}

/**
 * The ids modules declare, read ahead so that references to modules can be checked where they
 * stand. Malformed ids are left out; they are reported when the module itself is read. Null
 * when the list of modules is unusable: then no reference can be judged, and none is.
 */
function declaredIds(rawModules: unknown[] | null): ReadonlySet<string> | null {
  if (rawModules === null) {
    return null;
  }

  const ids = new Set<string>();

  for (const item of rawModules) {
    const id = isJsonObject(item) ? propertyOf(item, 'id') : undefined;

    if (typeof id === 'string' && DOCUMENT_ID_PATTERN.test(id.trim())) {
      ids.add(id.trim());
    }
  }

  return ids;
}

/** A field naming a module: a well-formed id of a module that exists, else null. */
function readModuleReference(
  reader: DocumentReader,
  object: JsonObject,
  path: string,
  moduleIds: ReadonlySet<string> | null,
  wording: { field: string; missing: (id: string) => string },
): string | null {
  const { field } = wording;
  const id = reader.text(object, path, { field, max: MAX_TITLE_LENGTH, required: true });

  if (id === '') {
    return null;
  }

  if (!DOCUMENT_ID_PATTERN.test(id)) {
    reader.report(path, `${field} ${ID_RULE_MESSAGE}`);
    return null;
  }

  if (moduleIds !== null && !moduleIds.has(id)) {
    reader.report(path, wording.missing(id));
    return null;
  }

  return id;
}

function readTriggers(reader: DocumentReader, root: JsonObject): PlaybookDocument['triggers'] {
  const path = '/triggers';
  const value = reader.present(root, path, 'Triggers');
  const triggers =
    value === undefined ? null : reader.object(value, path, 'Triggers must be an object.');

  if (triggers === null) {
    return { platforms: [], failureKinds: [] };
  }

  return {
    platforms: reader.enumList(
      triggers,
      `${path}/platforms`,
      'Trigger platforms',
      'Platform',
      PLATFORMS,
    ),
    failureKinds: reader.enumList(
      triggers,
      `${path}/failureKinds`,
      'Trigger failure kinds',
      'Failure kind',
      FAILURE_KINDS,
    ),
  };
}

/** What reading one module needs to know about the others, and tells the graph check. */
interface ModuleContext {
  moduleIds: ReadonlySet<string> | null;
  /** Modules whose notes were not text; the graph check gives them the benefit of the doubt. */
  unreadableNotes: Set<string>;
}

function readModule(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
  { moduleIds, unreadableNotes }: ModuleContext,
): PlaybookModule {
  const list = (key: string, field: string) => reader.list(item, `${path}/${key}`, field);
  const items = <T>(
    key: string,
    field: string,
    noun: string,
    read: (object: JsonObject, itemPath: string, itemId: string) => T,
  ) =>
    reader
      .keyedItems(list(key, field), `${path}/${key}`, idSpec(noun), read)
      .map((entry) => entry.value);

  return {
    id,
    title: reader.text(item, `${path}/title`, {
      field: 'Module title',
      max: MAX_TITLE_LENGTH,
      required: true,
    }),
    purpose: reader.text(item, `${path}/purpose`, {
      field: 'Module purpose',
      max: MAX_SUMMARY_LENGTH,
    }),
    steps: items('steps', 'Steps', 'step', (object, itemPath, itemId) =>
      readStep(reader, object, itemPath, itemId),
    ),
    gates: items('gates', 'Gates', 'gate', (object, itemPath, itemId) =>
      readGate(reader, object, itemPath, itemId, moduleIds),
    ),
    rollback: items('rollback', 'Rollback steps', 'rollback step', (object, itemPath, itemId) =>
      readRollbackStep(reader, object, itemPath, itemId),
    ),
    integrityChecks: items(
      'integrityChecks',
      'Integrity checks',
      'integrity check',
      (object, itemPath, itemId) =>
        readCheck(reader, object, itemPath, itemId, 'Integrity check description'),
    ),
    verificationTests: items(
      'verificationTests',
      'Verification tests',
      'verification test',
      (object, itemPath, itemId) =>
        readCheck(reader, object, itemPath, itemId, 'Verification test description'),
    ),
    escalations: items('escalations', 'Escalations', 'escalation', (object, itemPath, itemId) =>
      readEscalation(reader, object, itemPath, itemId),
    ),
    complianceNotes: readComplianceNotes(reader, item, path, id, unreadableNotes),
  };
}

function readComplianceNotes(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
  unreadableNotes: Set<string>,
): string {
  const problemsBefore = reader.problems.length;
  const notes = reader.text(item, `${path}/complianceNotes`, {
    field: 'Compliance notes',
    max: MAX_SUMMARY_LENGTH,
  });

  // A field that is not text, or too long, is already reported; calling it "no notes" as well
  // would add a recovery-path problem per final module for the same mistake.
  if (reader.problems.length > problemsBefore) {
    unreadableNotes.add(id);
  }

  return notes;
}

function readStep(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
): PlaybookStep {
  const artifactsPath = `${path}/requiredArtifacts`;
  const artifacts = reader.list(item, artifactsPath, 'Required artifacts') ?? [];

  return {
    id,
    title: reader.text(item, `${path}/title`, {
      field: 'Step title',
      max: MAX_TITLE_LENGTH,
      required: true,
    }),
    detail: reader.text(item, `${path}/detail`, { field: 'Step detail', max: MAX_SUMMARY_LENGTH }),
    role: reader.oneOf(item, `${path}/role`, 'Step role', INCIDENT_ROLES) ?? 'INCIDENT_LEAD',
    requiredArtifacts: artifacts.map((artifact, index) =>
      reader.textValue(artifact, `${artifactsPath}/${index}`, {
        field: 'Required artifact',
        max: MAX_TITLE_LENGTH,
        required: true,
      }),
    ),
    expectedMinutes: reader.integer(
      item,
      `${path}/expectedMinutes`,
      'Expected duration',
      DOCUMENT_NUMBER_RANGES.expectedMinutes,
      'minutes',
    ),
  };
}

function readGate(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
  moduleIds: ReadonlySet<string> | null,
): DecisionGate {
  const optionsPath = `${path}/options`;
  const rawOptions = reader.list(item, optionsPath, 'Gate options');
  const question = reader.text(item, `${path}/question`, {
    field: 'Gate question',
    max: MAX_TITLE_LENGTH,
    required: true,
  });

  if (rawOptions !== null && rawOptions.length < 2) {
    // One option is no decision; it belongs in the module's steps instead.
    reader.report(optionsPath, 'A gate needs at least two options.');
  }

  const options = reader
    .keyedItems(rawOptions, optionsPath, idSpec('option'), (option, optionPath, optionId) =>
      readOption(reader, option, optionPath, optionId, moduleIds),
    )
    .map((entry) => entry.value);

  return { id, question, options };
}

function readOption(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
  moduleIds: ReadonlySet<string> | null,
): GateOption {
  const label = reader.text(item, `${path}/label`, {
    field: 'Option label',
    max: MAX_TITLE_LENGTH,
    required: true,
  });
  const nextModuleId = readModuleReference(reader, item, `${path}/nextModuleId`, moduleIds, {
    field: 'Next module',
    missing: (target) => `This option leads to module ${target}, which is not in this playbook.`,
  });

  return { id, label, nextModuleId: nextModuleId ?? '' };
}

function readRollbackStep(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
): RollbackStep {
  return {
    id,
    instruction: reader.text(item, `${path}/instruction`, {
      field: 'Rollback instruction',
      max: MAX_SUMMARY_LENGTH,
      required: true,
    }),
  };
}

function readCheck(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
  field: string,
): PlaybookCheck {
  return {
    id,
    description: reader.text(item, `${path}/description`, {
      field,
      max: MAX_SUMMARY_LENGTH,
      required: true,
    }),
  };
}

function readEscalation(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
): EscalationRule {
  const specialistTeamId = reader.teamId(item, `${path}/specialistTeamId`, 'Specialist team');
  const afterMinutes = readAfterMinutes(reader, item, `${path}/afterMinutes`);
  const severityValue = reader.present(item, `${path}/atSeverity`, 'Escalation severity');
  const atSeverity =
    severityValue === undefined || severityValue === null
      ? null
      : reader.oneOfValue(severityValue, `${path}/atSeverity`, 'Escalation severity', SEVERITIES);
  const note = reader.text(item, `${path}/note`, {
    field: 'Escalation note',
    max: MAX_SUMMARY_LENGTH,
  });

  if (propertyOf(item, 'afterMinutes') === null && severityValue === null) {
    reader.report(path, 'An escalation needs a time, a severity or both to start it.');
  }

  return { id, specialistTeamId, afterMinutes, atSeverity, note };
}

function readAfterMinutes(reader: DocumentReader, item: JsonObject, path: string): number | null {
  const field = 'Escalation time';
  const value = reader.present(item, path, field);

  if (value === undefined || value === null) {
    return null;
  }

  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    reader.report(path, `${field} must be a whole number of minutes, at least 1, or null.`);
    return null;
  }

  return value;
}

/**
 * Checks the modules as a graph: every module reachable from the entry module, and no way from
 * the entry module to a final module (one without gates) avoiding compliance notes. Only
 * modules with accepted ids take part; the others have been reported already.
 */
function checkModuleGraph(
  reader: DocumentReader,
  entryModuleId: string,
  modules: readonly KeyedItem<PlaybookModule>[],
  unreadableNotes: ReadonlySet<string>,
): void {
  const byId = new Map<string, PlaybookModule>();

  for (const { key, value } of modules) {
    if (key !== null) {
      byId.set(key, value);
    }
  }

  const successors = (module: PlaybookModule): string[] =>
    module.gates.flatMap((gate) =>
      gate.options.map((option) => option.nextModuleId).filter((id) => byId.has(id)),
    );

  const reachable = walk(entryModuleId, (id) => {
    const module = byId.get(id);
    return module ? successors(module) : [];
  });

  for (const id of byId.keys()) {
    if (!reachable.has(id)) {
      reader.report(
        `/modules/${escapePathSegment(id)}`,
        `Module ${id} cannot be reached from the entry module ${entryModuleId}; ` +
          'lead a gate option to it or remove it.',
      );
    }
  }

  // Walk only through modules without notes: a module with notes covers every way through it.
  // A final module reached this way ends a way that has none.
  const lacksNotes = (id: string) =>
    !unreadableNotes.has(id) && !hasText(byId.get(id)?.complianceNotes);

  if (!lacksNotes(entryModuleId)) {
    return;
  }

  const cameFrom = walk(entryModuleId, (id) => {
    const module = byId.get(id);
    return module ? successors(module).filter(lacksNotes) : [];
  });

  for (const [id, module] of byId) {
    if (!cameFrom.has(id) || module.gates.length > 0) {
      continue;
    }

    const way = [id];

    for (let previous = cameFrom.get(id); previous; previous = cameFrom.get(previous)) {
      way.unshift(previous);
    }

    reader.report(
      `/modules/${escapePathSegment(id)}/complianceNotes`,
      `The recovery path ${way.join(' → ')} has no compliance notes; ` +
        'add them to one of its modules.',
    );
  }
}

/**
 * A breadth-first walk from `start`, visiting each node once however the edges loop. Returns
 * every node reached, mapped to the node it was first reached from (null for the start), so a
 * shortest way to each can be read back.
 */
function walk(start: string, next: (id: string) => string[]): Map<string, string | null> {
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];

  for (let head = 0; head < queue.length; head += 1) {
    const id = queue[head];

    for (const successor of id === undefined ? [] : next(id)) {
      if (!cameFrom.has(successor)) {
        cameFrom.set(successor, id ?? null);
        queue.push(successor);
      }
    }
  }

  return cameFrom;
}

/**
 * Checks an approval-policy document and returns it normalised (text trimmed, unknown
 * properties dropped, rules in the order of `CHANGE_RISK_LEVELS`) or lists everything wrong
 * with it. Rules are keyed by risk level in paths: `/rules/HIGH/requirements/admin/count`.
 * A rule may have no requirements, which lets changes of that level merge without approval.
 */
export function validateApprovalPolicyDocument(input: unknown): ApprovalPolicyValidation {
  const reader = new DocumentReader();
  const root = reader.object(input, '', 'An approval policy must be a JSON object.');

  if (root === null) {
    return { ok: false, problems: reader.problems };
  }

  const rawRules = reader.list(root, '/rules', 'Rules');
  const rules = reader.keyedItems(rawRules, '/rules', RULE_KEY, (item, path, level) =>
    readRule(reader, item, path, level),
  );

  if (rawRules !== null) {
    for (const level of CHANGE_RISK_LEVELS) {
      if (!rules.some((rule) => rule.key === level)) {
        reader.report('/rules', `The policy has no rule for ${level} changes.`);
      }
    }
  }

  const emergencyReviewHours = reader.integer(
    root,
    '/emergencyReviewHours',
    'Emergency review time',
    DOCUMENT_NUMBER_RANGES.emergencyReviewHours,
    'hours',
  );

  if (reader.problems.length > 0) {
    return { ok: false, problems: reader.problems };
  }

  const ordered = CHANGE_RISK_LEVELS.flatMap((level) =>
    rules.filter((rule) => rule.key === level).map((rule) => rule.value),
  );

  return { ok: true, document: { rules: ordered, emergencyReviewHours } };
}

const RULE_KEY: KeySpec = {
  property: 'riskLevel',
  noun: 'rule',
  invalid: `Risk level must be one of ${CHANGE_RISK_LEVELS.join(', ')}.`,
  isValid: (key) => isOneOf(CHANGE_RISK_LEVELS, key),
  duplicate: (key) => `There is already a rule for ${key} changes.`,
};

function readRule(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  level: string,
): ApprovalRule {
  const requirementsPath = `${path}/requirements`;
  const requirements = reader
    .keyedItems(
      reader.list(item, requirementsPath, 'Requirements'),
      requirementsPath,
      idSpec('requirement'),
      (requirement, requirementPath, id) =>
        readRequirement(reader, requirement, requirementPath, id),
    )
    .map((entry) => entry.value);

  return { riskLevel: isOneOf(CHANGE_RISK_LEVELS, level) ? level : 'HIGH', requirements };
}

const SELECTOR_KINDS = ['OWNER_TEAM', 'TEAM', 'ADMIN'] as const;

function readRequirement(
  reader: DocumentReader,
  item: JsonObject,
  path: string,
  id: string,
): ApprovalRequirement {
  return {
    id,
    label: reader.text(item, `${path}/label`, {
      field: 'Requirement label',
      max: MAX_TITLE_LENGTH,
      required: true,
    }),
    count: reader.integer(
      item,
      `${path}/count`,
      'Approval count',
      DOCUMENT_NUMBER_RANGES.approvalCount,
    ),
    from: readSelector(reader, item, `${path}/from`),
  };
}

function readSelector(reader: DocumentReader, item: JsonObject, path: string): ApproverSelector {
  const value = reader.present(item, path, 'Approvers');
  const from =
    value === undefined ? null : reader.object(value, path, 'Approvers must be an object.');
  const kind = from && reader.oneOf(from, `${path}/kind`, 'Approver kind', SELECTOR_KINDS);

  if (from !== null && kind === 'TEAM') {
    return { kind, teamId: reader.teamId(from, `${path}/teamId`, 'Approving team') };
  }

  return { kind: kind === 'ADMIN' ? 'ADMIN' : 'OWNER_TEAM' };
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
