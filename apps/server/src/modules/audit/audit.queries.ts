import type { FilterQuery } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { requirePermission } from '../../auth/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  connectionFrom,
  connectionType,
  pageRequest,
  type ConnectionShape,
  type PageArgs,
} from '../../graphql/relay.js';
import { AuditRecord } from './audit-record.entity.js';
import { verifyAuditChain } from './audit.service.js';

/** `AuditRecordConnection`: a page of audit records. */
export const AuditRecordConnection = connectionType(AuditRecord, 'AuditRecord');

/** What the chain check found. */
@ObjectType('AuditChainVerification', { simpleResolvers: true })
export class AuditChainVerification {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => Int)
  recordsChecked!: number;

  @Field(() => String, { nullable: true, description: 'The first record that does not fit.' })
  firstBrokenSequence!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

/** Largest value of PostgreSQL's bigint, the type of audit sequence numbers. */
const MAX_BIGINT = 2n ** 63n - 1n;

function isSequenceCursor(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** Reads the audit trail of the caller's organisation. */
export class AuditQueries {
  constructor(private readonly ctx: RequestContext) {}

  /** Records newest first; the whole trail needs admin, one target's trail only read. */
  async list(
    args: PageArgs,
    scope: { targetId?: string },
    withTotal: boolean,
  ): Promise<ConnectionShape<AuditRecord>> {
    const actor = requirePermission(this.ctx.actor, scope.targetId ? 'read' : 'admin');
    const page = pageRequest(args, isSequenceCursor);

    const where: FilterQuery<AuditRecord> = { organization: actor.organizationId };
    if (scope.targetId) where.targetId = scope.targetId;
    const pageWhere = page.after ? { ...where, sequence: { $lt: page.after } } : where;

    const em = this.ctx.em;
    const [rows, total] = await Promise.all([
      em.find(AuditRecord, pageWhere, { orderBy: { sequence: 'desc' }, limit: page.first + 1 }),
      withTotal ? em.count(AuditRecord, where) : Promise.resolve(-1),
    ]);
    return connectionFrom(rows, page.first, (r) => r.sequence, total);
  }

  /** Recomputes the organisation's hash chain (admins). */
  async verify(): Promise<AuditChainVerification> {
    const actor = requirePermission(this.ctx.actor, 'admin');
    return verifyAuditChain(this.ctx.em, actor.organizationId);
  }
}
