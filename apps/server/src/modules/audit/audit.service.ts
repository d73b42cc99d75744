import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { stampOf, type Actor } from '../../auth/actor.js';
import type { ActorStamp } from '../actor/actor-stamp.js';
import { AuditRecord, type FieldChanges } from './audit-record.entity.js';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a service hands to {@link appendAudit}. */
export interface AuditEntry {
  organizationId: string;
  actor: ActorStamp;
  action: string;
  targetType: string;
  targetId: string;
  changes: FieldChanges;
  requestId: string | null;
}

/**
 * Appends a record to the organisation's chain inside the caller's transaction. A transaction
 * advisory lock per organisation serialises appends, so sequence numbers have no gaps and each
 * record links to the one committed before it. Call it after the change itself is flushed, so
 * row locks are always taken before this lock and two writers cannot deadlock.
 */
export async function appendAudit(em: EntityManager, entry: AuditEntry): Promise<AuditRecord> {
  // em.execute runs on the transaction's connection; em.getConnection().execute would not.
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 7))', [entry.organizationId]);
  const [last] = await em.execute<{ sequence: string; hash: string }[]>(
    `select sequence, hash from audit_record
      where organization_id = ? order by sequence desc limit 1`,
    [entry.organizationId],
  );

  const record = em.create(AuditRecord, {
    organization: entry.organizationId,
    sequence: String(BigInt(last?.sequence ?? '0') + 1n),
    actor: entry.actor,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    changes: jsonRoundTrip(entry.changes),
    requestId: entry.requestId,
    previousHash: last?.hash ?? GENESIS_HASH,
    hash: '',
    createdAt: new Date(),
  });
  record.hash = hashOf(
    { ...record, createdAtIso: record.createdAt.toISOString() },
    entry.organizationId,
  );

  await em.flush();
  return record;
}

/** The result of walking an organisation's chain. */
export interface ChainVerification {
  valid: boolean;
  recordsChecked: number;
  /** Sequence number of the first record that does not fit, when the chain is broken. */
  firstBrokenSequence: string | null;
  reason: string | null;
}

interface StoredRecord {
  id: string;
  sequence: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  changes: FieldChanges;
  request_id: string | null;
  previous_hash: string;
  hash: string;
  /** ISO-8601 in UTC with milliseconds, the precision Keel writes. */
  created_at: string;
}

/** Recomputes every hash of an organisation's chain, in pages, and names the first break. */
export async function verifyAuditChain(
  em: EntityManager,
  organizationId: string,
  pageSize = 1_000,
): Promise<ChainVerification> {
  const connection = em.getConnection();
  let expectedSequence = 1n;
  let previousHash = GENESIS_HASH;
  let checked = 0;

  for (;;) {
    const rows = await connection.execute<StoredRecord[]>(
      `select id, sequence, actor_kind, actor_id, actor_name, action,
              target_type, target_id, changes, request_id, previous_hash, hash,
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
         from audit_record
        where organization_id = ? and sequence >= ?
        order by sequence limit ?`,
      [organizationId, expectedSequence.toString(), pageSize],
    );

    for (const row of rows) {
      const broken = (reason: string): ChainVerification => ({
        valid: false,
        recordsChecked: checked,
        firstBrokenSequence: row.sequence,
        reason,
      });

      if (BigInt(row.sequence) !== expectedSequence) {
        return broken(`record ${expectedSequence} is missing`);
      }
      if (row.previous_hash !== previousHash) {
        return broken('the link to the previous record does not match');
      }
      if (hashOf(fromRow(row), organizationId) !== row.hash) {
        return broken('the record was changed after it was written');
      }

      checked += 1;
      expectedSequence += 1n;
      previousHash = row.hash;
    }

    if (rows.length < pageSize) break;
  }

  return { valid: true, recordsChecked: checked, firstBrokenSequence: null, reason: null };
}

/** The fields a hash covers, in a fixed order. */
interface HashedFields {
  sequence: string;
  actor: { kind: string; id: string | null; name: string };
  action: string;
  targetType: string;
  targetId: string;
  changes: FieldChanges;
  requestId: string | null;
  previousHash: string;
  createdAtIso: string;
}

function fromRow(row: StoredRecord): HashedFields {
  return {
    sequence: row.sequence,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    changes: row.changes,
    requestId: row.request_id,
    previousHash: row.previous_hash,
    createdAtIso: row.created_at,
  };
}

function hashOf(record: HashedFields, organizationId: string): string {
  const canonical = canonicalJson([
    organizationId,
    record.sequence,
    record.actor.kind,
    record.actor.id,
    record.actor.name,
    record.action,
    record.targetType,
    record.targetId,
    record.changes,
    record.requestId,
    record.previousHash,
    record.createdAtIso,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted, so jsonb's reordering does not change the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What jsonb will give back: dates become strings, undefined disappears. */
function jsonRoundTrip(changes: FieldChanges): FieldChanges {
  return JSON.parse(JSON.stringify(changes)) as FieldChanges;
}

/** Before/after of the named fields that differ between two snapshots. */
export function diffFields<T extends object>(
  before: Partial<T>,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const previous = before[field];
    const next = after[field];
    if (JSON.stringify(previous) !== JSON.stringify(next)) {
      changes[field] = { before: previous ?? null, after: next ?? null };
    }
  }
  return changes;
}

/** What a service names when it records its own change. */
export type AuditedChange = Pick<AuditEntry, 'action' | 'targetType' | 'targetId' | 'changes'>;

/** {@link appendAudit} for a change made by the request's actor. */
export async function auditChange(
  em: EntityManager,
  context: { requestId: string },
  actor: Actor,
  change: AuditedChange,
): Promise<AuditRecord> {
  return appendAudit(em, {
    ...change,
    organizationId: actor.organizationId,
    actor: stampOf(actor),
    requestId: context.requestId,
  });
}
