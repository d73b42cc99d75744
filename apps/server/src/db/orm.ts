import {
  MikroORM,
  defineConfig,
  type LogContext,
  type Logger as OrmLogger,
  type LoggerNamespace,
} from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { CollabDocument } from '../collab/collab-document.entity.js';
import { CollabSnapshot } from '../collab/collab-snapshot.entity.js';
import { CollabUpdate } from '../collab/collab-update.entity.js';
import type { Logger } from '../logger.js';
import { Membership } from '../modules/account/membership.entity.js';
import { Organization } from '../modules/account/organization.entity.js';
import { Session } from '../modules/account/session.entity.js';
import { User } from '../modules/account/user.entity.js';
import { ActorStamp } from '../modules/actor/actor-stamp.js';
import { ApiToken } from '../modules/api-token/api-token.entity.js';
import { AuditRecord } from '../modules/audit/audit-record.entity.js';
import { Automation } from '../modules/automation/automation.entity.js';
import { IncidentRoleAssignment } from '../modules/incident/incident-role-assignment.entity.js';
import { IncidentTransition } from '../modules/incident/incident-transition.entity.js';
import { Incident } from '../modules/incident/incident.entity.js';
import { ApprovalPolicyVersion } from '../modules/governance/approval-policy.entity.js';
import {
  ChangeRequest,
  ChangeRequestReview,
  ChangeRequestReviewer,
  ChangeRequestRevision,
  ReviewComment,
  ReviewThread,
} from '../modules/governance/change-request.entity.js';
import { PlaybookRun, PlaybookRunAction } from '../modules/governance/playbook-run.entity.js';
import { Playbook, PlaybookVersion } from '../modules/governance/playbook.entity.js';
import { TeamMember } from '../modules/team/team-member.entity.js';
import { PostmortemVersion } from '../modules/postmortem/postmortem-version.entity.js';
import { Team } from '../modules/team/team.entity.js';
import { PostmortemText } from '../modules/timeline/postmortem-text.entity.js';
import { TimelineEntry } from '../modules/timeline/timeline-entry.entity.js';
import { MIGRATIONS } from './migrations/index.js';
import { sqlStatementCounter } from './statement-counter.js';

/** Every entity, listed so discovery never scans the file system. */
export const ENTITIES = [
  ActorStamp,
  Organization,
  User,
  Membership,
  Session,
  Team,
  ApiToken,
  Automation,
  Incident,
  IncidentTransition,
  IncidentRoleAssignment,
  AuditRecord,
  CollabDocument,
  CollabUpdate,
  CollabSnapshot,
  TimelineEntry,
  PostmortemText,
  TeamMember,
  Playbook,
  PlaybookVersion,
  ApprovalPolicyVersion,
  ChangeRequest,
  ChangeRequestRevision,
  ChangeRequestReviewer,
  ChangeRequestReview,
  ReviewThread,
  ReviewComment,
  PlaybookRun,
  PlaybookRunAction,
  PostmortemVersion,
];

/** Options for {@link createOrm}. */
export interface OrmOptions {
  databaseUrl: string;
  logger: Logger;
  /** Queries slower than this are logged as warnings. @default 200 */
  slowQueryMs?: number;
  /** Per-statement limit enforced by PostgreSQL. @default 5000 */
  statementTimeoutMs?: number;
  /** @default 10 */
  poolSize?: number;
}

/** Builds the MikroORM configuration; shared by the server, tests and the migration script. */
export function ormConfig(options: OrmOptions) {
  return defineConfig({
    clientUrl: options.databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      migrationsList: MIGRATIONS,
      path: 'dist/db/migrations',
      pathTs: 'src/db/migrations',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    // Every request and hook forks its own EntityManager; touching the global one is a bug.
    allowGlobalContext: false,
    debug: false,
    loggerFactory: () => new PinoOrmLogger(options.logger, options.slowQueryMs ?? 200),
    pool: { min: 0, max: options.poolSize ?? 10 },
    driverOptions: {
      connection: { statement_timeout: options.statementTimeoutMs ?? 5_000 },
    },
  });
}

/** Connects to PostgreSQL; the schema is not touched (see {@link migrateToLatest}). */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Applies every committed migration that the database has not seen yet. */
export async function migrateToLatest(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

/** Routes MikroORM's log lines into the process logger and counts statements. */
class PinoOrmLogger implements OrmLogger {
  constructor(
    private readonly logger: Logger,
    private readonly slowQueryMs: number,
  ) {}

  log(namespace: LoggerNamespace | string, message: string): void {
    this.logger.debug({ namespace }, message);
  }

  error(namespace: LoggerNamespace | string, message: string): void {
    this.logger.error({ namespace }, message);
  }

  warn(namespace: LoggerNamespace | string, message: string): void {
    this.logger.warn({ namespace }, message);
  }

  logQuery(context: LogContext): void {
    sqlStatementCounter.count += 1;

    const tookMs = context.took ?? 0;
    if (tookMs >= this.slowQueryMs) {
      this.logger.warn({ tookMs, sql: context.query }, 'slow query');
    } else if (this.logger.isLevelEnabled('trace')) {
      this.logger.trace({ tookMs, sql: context.query }, 'query');
    }
  }

  setDebugMode(): void {
    // Which queries are logged is decided by the pino level, not by MikroORM's debug switch.
  }

  isEnabled(): boolean {
    return true;
  }
}
