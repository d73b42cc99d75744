/**
 * Document paths in words. Diffs, review threads and validation problems all name a place of a
 * playbook or policy by an id-based path (`/modules/contain/steps/export/title`); people read
 * "Step “Export the affected orders” › Title" instead, with the names taken from the document.
 */
import { RISK_LABELS } from './labels';
import { isJsonObject, itemKey, splitPath } from '@keel/domain';

/** How one item of each keyed or plain list is called. */
const ITEM_NOUNS: Readonly<Record<string, string>> = {
  modules: 'Module',
  steps: 'Step',
  gates: 'Gate',
  options: 'Option',
  rollback: 'Rollback step',
  integrityChecks: 'Integrity check',
  verificationTests: 'Verification test',
  escalations: 'Escalation',
  rules: 'Rule',
  requirements: 'Requirement',
  requiredArtifacts: 'Artifact',
  platforms: 'Platform',
  failureKinds: 'Failure kind',
};

/** How each field is called. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  summary: 'Summary',
  ownerTeamId: 'Owner team',
  triggers: 'Triggers',
  platforms: 'Platforms',
  failureKinds: 'Failure kinds',
  reviewIntervalDays: 'Review interval (days)',
  entryModuleId: 'Entry module',
  modules: 'Modules',
  id: 'Id',
  purpose: 'Purpose',
  steps: 'Steps',
  detail: 'Detail',
  role: 'Role',
  requiredArtifacts: 'Required artifacts',
  expectedMinutes: 'Expected minutes',
  gates: 'Gates',
  question: 'Question',
  options: 'Options',
  label: 'Label',
  nextModuleId: 'Leads to',
  rollback: 'Rollback',
  instruction: 'Instruction',
  integrityChecks: 'Integrity checks',
  verificationTests: 'Verification tests',
  description: 'Description',
  escalations: 'Escalations',
  specialistTeamId: 'Specialist team',
  afterMinutes: 'After (minutes)',
  atSeverity: 'At severity',
  note: 'Note',
  complianceNotes: 'Compliance notes',
  rules: 'Rules',
  riskLevel: 'Risk level',
  requirements: 'Requirements',
  count: 'Approvals needed',
  from: 'Who approves',
  kind: 'Kind',
  teamId: 'Team',
  emergencyReviewHours: 'Emergency review window (hours)',
};

/** The words for a field, or the field's own name when it has none. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** The noun for an item of the list `list`. */
export function itemNoun(list: string): string {
  return ITEM_NOUNS[list] ?? 'Item';
}

/** The words an item goes by: its title, question, label or text, else its key. */
export function itemName(item: unknown, key: string): string {
  if (isJsonObject(item)) {
    for (const field of ['title', 'question', 'label', 'description', 'instruction']) {
      const value = item[field];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }

    if (typeof item.riskLevel === 'string' && item.riskLevel in RISK_LABELS) {
      return `${RISK_LABELS[item.riskLevel as keyof typeof RISK_LABELS]} changes`;
    }
  }

  if (typeof item === 'string' && item !== '') return item;

  return key;
}

/** The item of `list` that `segment` names: by key, by `#index`, or by plain index. */
function findItem(list: unknown[], segment: string): { item: unknown; found: boolean } {
  const byKey = list.find((item) => itemKey(item) === segment);
  if (byKey !== undefined) return { item: byKey, found: true };

  const index = Number(segment.startsWith('#') ? segment.slice(1) : segment);

  if (Number.isInteger(index) && index >= 0 && index < list.length) {
    return { item: list[index], found: true };
  }

  return { item: undefined, found: false };
}

/** A place of a document, split into the parts a reader follows. */
export interface PathParts {
  /** One phrase per level: `Module “Triage”`, `Step “Export the orders”`, `Title`. */
  parts: string[];
}

/**
 * Names the place `path` points at, reading item names from the first of `documents` that
 * has the item (pass the proposed document first, then the base, so removed items are found).
 * A list followed by one of its items is named by the item alone: "Step “Export”" rather than
 * "Steps › Step “Export”".
 */
export function describePath(path: string, documents: readonly unknown[]): string[] {
  const segments = splitPath(path);
  const parts: string[] = [];
  let nodes: unknown[] = [...documents];

  segments.forEach((segment, index) => {
    const lists = nodes.filter(Array.isArray);
    const parent = segments[index - 1] ?? '';

    if (lists.length > 0) {
      const hit = lists.map((list) => findItem(list, segment)).find((found) => found.found);
      const label = segment.startsWith('#') ? `number ${Number(segment.slice(1)) + 1}` : segment;
      parts.push(`${itemNoun(parent)} “${itemName(hit?.item, label)}”`);
      nodes = lists.map((list) => findItem(list, segment).item);
      return;
    }

    const next = segments[index + 1];
    const isList = nodes.some((node) => isJsonObject(node) && Array.isArray(node[segment]));

    if (!(isList && next !== undefined)) {
      parts.push(fieldLabel(segment));
    }

    nodes = nodes.map((node) => (isJsonObject(node) ? node[segment] : undefined));
  });

  return parts;
}
