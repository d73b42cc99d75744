import {
  CRITICALITIES,
  DATA_KINDS,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
  PLATFORMS,
  checkText,
} from '@keel/domain';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { requirePermission, type Actor } from '../../auth/actor.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { connectionFrom, pageRequest, type PageArgs } from '../../graphql/relay.js';
import { NO_MATCH, UUID_PATTERN, keyOf } from '../../ids.js';
import { auditChange, diffFields } from '../audit/audit.service.js';
import { Team } from '../team/team.entity.js';
import type { AutomationFilter, AutomationInput } from './automation.inputs.js';
import { Automation } from './automation.entity.js';

const AUDITED_FIELDS = [
  'name',
  'platform',
  'externalUrl',
  'businessProcess',
  'criticality',
  'dataKinds',
] as const;

/** The automation catalog: list, read, create, change, archive. */
export class AutomationService {
  constructor(private readonly ctx: RequestContext) {}

  /** A page of the catalog, ordered by name. */
  async list(filter: AutomationFilter | null | undefined, args: PageArgs) {
    const actor = requirePermission(this.ctx.actor, 'read');
    const page = pageRequest(args, isNameCursor);

    const where: FilterQuery<Automation> = { organization: actor.organizationId };
    if (!filter?.includeArchived) where.archivedAt = null;
    if (filter?.platforms?.length) where.platform = { $in: filter.platforms };
    if (filter?.criticalities?.length) where.criticality = { $in: filter.criticalities };
    if (filter?.ownerTeamId) where.ownerTeam = keyOf(filter.ownerTeamId, 'Team') ?? NO_MATCH;
    if (filter?.search?.trim()) {
      const pattern = `%${escapeLike(filter.search.trim().slice(0, MAX_NAME_LENGTH))}%`;
      where.$or = [{ name: { $ilike: pattern } }, { businessProcess: { $ilike: pattern } }];
    }

    const pageWhere: FilterQuery<Automation> = page.after
      ? {
          $and: [
            where,
            {
              $or: [
                { name: { $gt: page.after[0] } },
                { name: page.after[0], id: { $gt: page.after[1] } },
              ],
            },
          ],
        }
      : where;
    const em = this.ctx.em;
    const [rows, total] = await Promise.all([
      em.find(Automation, pageWhere, {
        orderBy: { name: 'asc', id: 'asc' },
        limit: page.first + 1,
      }),
      em.count(Automation, where),
    ]);
    return connectionFrom(rows, page.first, (a) => [a.name, a.id], total);
  }

  /** One entry, or null when it is missing or another organisation's. */
  async get(id: string): Promise<Automation | null> {
    const actor = requirePermission(this.ctx.actor, 'read');
    const key = keyOf(id, 'Automation');
    if (!key) return null;
    return this.ctx.em.findOne(Automation, { id: key, organization: actor.organizationId });
  }

  /** Adds an entry to the catalog. */
  async create(input: AutomationInput): Promise<Automation> {
    const actor = requirePermission(this.ctx.actor, 'write');
    validate(input);

    return inTransaction(this.ctx.em, async (em) => {
      const automation = em.create(Automation, {
        organization: actor.organizationId,
        ...(await fieldsOf(em, actor, input)),
      });
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'automation.create',
        targetType: 'Automation',
        targetId: automation.id,
        changes: diffFields({}, automation, AUDITED_FIELDS),
      });
      return automation;
    });
  }

  /** Replaces an entry's fields. */
  async update(id: string, input: AutomationInput): Promise<Automation> {
    const actor = requirePermission(this.ctx.actor, 'write');
    validate(input);

    return inTransaction(this.ctx.em, async (em) => {
      const automation = await this.load(em, actor, id);
      const before = { ...automation };

      Object.assign(automation, await fieldsOf(em, actor, input));
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'automation.update',
        targetType: 'Automation',
        targetId: automation.id,
        changes: {
          ...diffFields(before, automation, AUDITED_FIELDS),
          ...(before.ownerTeam?.id !== automation.ownerTeam?.id && {
            ownerTeam: {
              before: before.ownerTeam?.id ?? null,
              after: automation.ownerTeam?.id ?? null,
            },
          }),
        },
      });
      return automation;
    });
  }

  /**
   * Takes an entry out of the catalog. It is archived rather than deleted, because past incidents
   * still name it.
   */
  async archive(id: string): Promise<Automation> {
    const actor = requirePermission(this.ctx.actor, 'write');

    return inTransaction(this.ctx.em, async (em) => {
      const automation = await this.load(em, actor, id);
      if (automation.archivedAt) return automation;

      automation.archivedAt = new Date();
      await em.flush();

      await auditChange(em, this.ctx, actor, {
        action: 'automation.archive',
        targetType: 'Automation',
        targetId: automation.id,
        changes: { archivedAt: { before: null, after: automation.archivedAt.toISOString() } },
      });
      return automation;
    });
  }

  private async load(em: EntityManager, actor: Actor, id: string): Promise<Automation> {
    const key = keyOf(id, 'Automation');
    const automation = key
      ? await em.findOne(Automation, { id: key, organization: actor.organizationId })
      : null;
    if (!automation) throw new NotFoundError('No such automation.');
    return automation;
  }
}

/** The id half of a cursor reaches PostgreSQL as a uuid, so anything else must stop here. */
function isNameCursor(value: unknown): value is [string, string] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    UUID_PATTERN.test(value[1])
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function validate(input: AutomationInput): void {
  const problems = [
    checkText(input.name, { field: 'name', max: MAX_NAME_LENGTH, required: true }),
    checkText(input.businessProcess, {
      field: 'businessProcess',
      max: MAX_NAME_LENGTH,
      required: true,
    }),
    input.externalUrl ? urlProblem(input.externalUrl) : null,
    PLATFORMS.includes(input.platform) ? null : 'platform is not valid.',
    CRITICALITIES.includes(input.criticality) ? null : 'criticality is not valid.',
    (input.dataKinds?.length ?? 0) > DATA_KINDS.length
      ? `dataKinds may list at most ${DATA_KINDS.length} kinds.`
      : null,
    (input.dataKinds?.length ?? 0) > MAX_LIST_ITEMS ? 'dataKinds is too long.' : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new BadUserInputError(problems.join(' '), { problems });
}

function urlProblem(url: string): string | null {
  if (url.length > MAX_URL_LENGTH)
    return `externalUrl must be at most ${MAX_URL_LENGTH} characters.`;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return null;
  } catch {
    // Falls through to the message below.
  }
  return 'externalUrl must be an http(s) link.';
}

async function fieldsOf(em: EntityManager, actor: Actor, input: AutomationInput) {
  let ownerTeam: Team | null = null;
  if (input.ownerTeamId) {
    const key = keyOf(input.ownerTeamId, 'Team');
    ownerTeam = key
      ? await em.findOne(Team, { id: key, organization: actor.organizationId })
      : null;
    if (!ownerTeam) throw new BadUserInputError('ownerTeamId names no team of yours.');
  }

  return {
    name: input.name.trim(),
    platform: input.platform,
    externalUrl: input.externalUrl?.trim() || null,
    ownerTeam,
    businessProcess: input.businessProcess.trim(),
    criticality: input.criticality,
    dataKinds: [...new Set(input.dataKinds ?? [])],
  };
}
