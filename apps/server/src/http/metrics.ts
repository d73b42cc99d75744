import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sqlStatementCounter } from '../db/statement-counter.js';

/** The process's Prometheus metrics; one instance per server. */
export class KeelMetrics {
  readonly registry = new Registry();

  /** GraphQL operations by name, type and outcome (`ok` or an error code). */
  readonly operations = new Counter({
    name: 'keel_graphql_operations_total',
    help: 'GraphQL operations by operation name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Time from receiving an operation to sending its response. */
  readonly operationSeconds = new Histogram({
    name: 'keel_graphql_operation_duration_seconds',
    help: 'GraphQL operation duration in seconds by operation name',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Errors sent to clients, by `extensions.code`. */
  readonly errors = new Counter({
    name: 'keel_graphql_errors_total',
    help: 'GraphQL errors returned to clients by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  /** Subscriptions currently open over WebSocket. */
  readonly openSubscriptions = new Gauge({
    name: 'keel_graphql_subscriptions_open',
    help: 'GraphQL subscriptions currently open',
    registers: [this.registry],
  });

  /** WebSocket connections currently open, by path. */
  readonly openSockets = new Gauge({
    name: 'keel_websocket_connections_open',
    help: 'WebSocket connections currently open by path',
    labelNames: ['path'] as const,
    registers: [this.registry],
  });

  /** HTTP requests by route and status code. */
  readonly httpRequests = new Counter({
    name: 'keel_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  constructor(orm: MikroORM) {
    collectDefaultMetrics({ register: this.registry, prefix: 'keel_' });

    new Counter({
      name: 'keel_db_statements_total',
      help: 'SQL statements sent to PostgreSQL',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sqlStatementCounter.count);
      },
    });

    const pool = () => poolOf(orm);
    new Gauge({
      name: 'keel_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'used' }, current.numUsed());
        this.set({ state: 'free' }, current.numFree());
        this.set({ state: 'pending' }, current.numPendingAcquires());
      },
    });
  }
}

interface PoolStatus {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** MikroORM 6 pools through knex's tarn pool; this reads its counters without typing knex. */
function poolOf(orm: MikroORM): PoolStatus | null {
  const knex = orm.em.getConnection().getKnex() as unknown as { client?: { pool?: PoolStatus } };
  return knex.client?.pool ?? null;
}
