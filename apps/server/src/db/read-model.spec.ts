import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceKind, type EntityClass } from '@mikro-orm/core';
import { User } from '../modules/account/user.entity.js';
import { Automation } from '../modules/automation/automation.entity.js';
import { IncidentRoleAssignment } from '../modules/incident/incident-role-assignment.entity.js';
import { Incident } from '../modules/incident/incident.entity.js';
import { createOrganization, declareIncident } from '../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';
import { rowReader, tupleReader } from './read-model.js';

let keel: TestKeel;

beforeAll(async () => {
  keel = await startTestKeel();
  const org = await createOrganization(keel);
  const automation = await org.admin.client.data<{ createAutomation: { id: string } }>(
    `mutation { createAutomation(input: { name: "Payroll export", platform: MAKE,
       businessProcess: "Payroll", criticality: CRITICAL, dataKinds: [EMPLOYEE, FINANCIAL],
       externalUrl: "https://make.example/s/1" }) { id } }`,
  );
  const incident = await declareIncident(org.responder.client, {
    automationIds: [automation.createAutomation.id],
    startedAt: new Date(Date.now() - 60_000).toISOString(),
  });
  await org.responder.client.data(
    `mutation A($input: AssignIncidentRoleInput!) { assignIncidentRole(input: $input) { id } }`,
    { input: { incidentId: incident.id, role: 'INCIDENT_LEAD', userId: org.responder.userId } },
  );
});

afterAll(async () => {
  await keel?.close();
});

/** Every property a read object carries, as the ORM would load it. */
function comparable(value: object, entity: EntityClass<object>): Record<string, unknown> {
  const meta = keel.orm.getMetadata().get(entity.name);
  const result: Record<string, unknown> = {};
  for (const prop of meta.props) {
    const current = (value as Record<string, unknown>)[prop.name];
    if (prop.embedded || prop.persist === false) continue;
    if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      result[prop.name] = (current as { id: string } | null)?.id ?? null;
    } else if (prop.kind === ReferenceKind.EMBEDDED) {
      result[prop.name] = { ...(current as object) };
    } else if (prop.kind === ReferenceKind.SCALAR) {
      result[prop.name] = current;
    }
  }
  return result;
}

describe('rowReader', () => {
  it.each([
    ['incident', Incident],
    ['automation', Automation],
    ['incident_role_assignment', IncidentRoleAssignment],
    ['app_user', User],
  ] as const)('reads a %s row exactly as the ORM loads it', async (table, entity) => {
    const [row] = await keel.orm.em
      .fork()
      .execute<Record<string, unknown>[]>(`select * from ${table} limit 1`);
    const read = rowReader(keel.orm.getMetadata(), entity as EntityClass<object>)(row!);
    const loaded = await keel.orm.em
      .fork()
      .findOneOrFail(entity as EntityClass<{ id: string }>, { id: row!.id as string });

    expect(read).toBeInstanceOf(entity);
    const expected = comparable(loaded, entity as EntityClass<object>);
    if (entity === User) delete expected.passwordHash;
    const actual = comparable(read, entity as EntityClass<object>);
    if (entity === User) delete actual.passwordHash;
    expect(actual).toEqual(expected);
  });

  it('keeps the entity’s getters working on what it reads', async () => {
    const [row] = await keel.orm.em
      .fork()
      .execute<Record<string, unknown>[]>('select * from incident limit 1');
    const incident = rowReader(keel.orm.getMetadata(), Incident)(row!);

    expect(incident.reference).toBe(`INC-${row!.number as number}`);
    expect(Buffer.from(incident.nodeId, 'base64url').toString()).toBe(`Incident:${row!.id}`);
  });
});

describe('tupleReader', () => {
  it.each([
    ['incident', Incident],
    ['automation', Automation],
    ['incident_role_assignment', IncidentRoleAssignment],
  ] as const)('reads a %s sent as a JSON array as the ORM loads it', async (table, entity) => {
    const reader = tupleReader(keel.orm.getMetadata(), entity as EntityClass<object>);
    const [row] = await keel.orm.em.fork().execute<{ id: string; tuple: unknown[] }[]>(
      `select t.id, json_build_array(${reader.columns.map((c) => `t.${c}`).join(', ')}) as tuple
           from ${table} t limit 1`,
    );
    const loaded = await keel.orm.em
      .fork()
      .findOneOrFail(entity as EntityClass<{ id: string }>, { id: row!.id });

    const read = reader.read(row!.tuple);

    expect(read).toBeInstanceOf(entity);
    expect(comparable(read, entity as EntityClass<object>)).toEqual(
      comparable(loaded, entity as EntityClass<object>),
    );
  });

  it('names every column the entity stores, embedded ones included', async () => {
    const reader = tupleReader(keel.orm.getMetadata(), IncidentRoleAssignment);
    const stored = await keel.sql<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = $1`,
      ['incident_role_assignment'],
    );

    expect([...reader.columns].sort()).toEqual(stored.map((c) => c.column_name).sort());
  });
});
