import { Migration } from '@mikro-orm/migrations';

export class Migration20261203165011 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organization" ("id" uuid not null, "created_at" timestamptz not null, "name" varchar(120) not null, "slug" varchar(140) not null, "next_incident_number" int not null default 1, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "organization" add constraint "organization_slug_unique" unique ("slug");`,
    );

    this.addSql(
      `create table "audit_record" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "sequence" bigint not null, "actor_kind" text check ("actor_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "actor_id" uuid null, "actor_name" varchar(120) not null, "action" varchar(80) not null, "target_type" varchar(40) not null, "target_id" uuid not null, "changes" jsonb not null, "request_id" varchar(100) null, "previous_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_record_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_record_organization_id_target_type_target_id_5f994_index" on "audit_record" ("organization_id", "target_type", "target_id", "sequence");`,
    );
    this.addSql(
      `alter table "audit_record" add constraint "audit_record_organization_id_sequence_unique" unique ("organization_id", "sequence");`,
    );

    this.addSql(
      `create table "team" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "name" varchar(120) not null, "risk_appetite" text check ("risk_appetite" in ('AVERSE', 'CAUTIOUS', 'BALANCED', 'TOLERANT')) not null default 'BALANCED', constraint "team_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "team" add constraint "team_organization_id_name_unique" unique ("organization_id", "name");`,
    );

    this.addSql(
      `create table "automation" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "name" varchar(120) not null, "platform" text check ("platform" in ('ZAPIER', 'MAKE', 'N8N', 'POWER_AUTOMATE', 'AIRTABLE', 'BUBBLE', 'SALESFORCE_FLOW', 'OTHER')) not null, "external_url" varchar(2048) null, "owner_team_id" uuid null, "business_process" varchar(120) not null, "criticality" text check ("criticality" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, "data_kinds" text[] not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "automation_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "automation_organization_id_index" on "automation" ("organization_id");`,
    );
    this.addSql(`create index "automation_owner_team_id_index" on "automation" ("owner_team_id");`);
    this.addSql(
      `alter table "automation" add constraint "automation_organization_id_name_unique" unique ("organization_id", "name");`,
    );

    this.addSql(
      `create table "app_user" ("id" uuid not null, "created_at" timestamptz not null, "email" varchar(254) not null, "name" varchar(120) not null, "password_hash" varchar(255) not null, constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(
      `create table "session" ("id" uuid not null, "created_at" timestamptz not null, "secret_hash" varchar(64) not null, "user_id" uuid not null, "organization_id" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "session_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "session" add constraint "session_secret_hash_unique" unique ("secret_hash");`,
    );
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(
      `create table "membership" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "user_id" uuid not null, "role" text check ("role" in ('VIEWER', 'RESPONDER', 'ADMIN')) not null, constraint "membership_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_organization_id_user_id_unique" unique ("organization_id", "user_id");`,
    );

    this.addSql(
      `create table "incident" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "number" int not null, "title" varchar(200) not null, "summary" text not null default '', "severity" text check ("severity" in ('SEV1', 'SEV2', 'SEV3', 'SEV4')) not null, "priority" text check ("priority" in ('P1', 'P2', 'P3', 'P4')) null, "status" text check ("status" in ('DETECTED', 'TRIAGED', 'CONTAINED', 'RECOVERING', 'RESOLVED', 'CLOSED', 'CANCELLED')) not null default 'DETECTED', "detection_source" text check ("detection_source" in ('PLATFORM_LOG', 'AUTOMATION_DASHBOARD', 'USER_REPORT', 'MONITORING', 'OTHER')) not null, "detected_at" timestamptz not null, "started_at" timestamptz null, "declared_by_kind" text check ("declared_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "declared_by_id" uuid null, "declared_by_name" varchar(120) not null, "impact_scope" text null, "impact_scope_validated_by_id" uuid null, "impact_scope_validated_at" timestamptz null, "acknowledged_at" timestamptz null, "contained_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "cancelled_at" timestamptz null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "incident_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "incident_organization_id_created_at_id_index" on "incident" ("organization_id", "created_at", "id");`,
    );
    this.addSql(
      `alter table "incident" add constraint "incident_organization_id_number_unique" unique ("organization_id", "number");`,
    );

    this.addSql(
      `create table "incident_transition" ("id" uuid not null, "created_at" timestamptz not null, "incident_id" uuid not null, "from_status" text check ("from_status" in ('DETECTED', 'TRIAGED', 'CONTAINED', 'RECOVERING', 'RESOLVED', 'CLOSED', 'CANCELLED')) null, "to_status" text check ("to_status" in ('DETECTED', 'TRIAGED', 'CONTAINED', 'RECOVERING', 'RESOLVED', 'CLOSED', 'CANCELLED')) not null, "note" text null, "actor_kind" text check ("actor_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "actor_id" uuid null, "actor_name" varchar(120) not null, constraint "incident_transition_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "incident_transition_incident_id_created_at_index" on "incident_transition" ("incident_id", "created_at");`,
    );

    this.addSql(
      `create table "incident_role_assignment" ("id" uuid not null, "created_at" timestamptz not null, "incident_id" uuid not null, "role" text check ("role" in ('INCIDENT_LEAD', 'TECHNICAL_RESOLVER', 'BUSINESS_LIAISON', 'COMMUNICATIONS_MANAGER')) not null, "holder_id" uuid not null, "assigned_by_kind" text check ("assigned_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "assigned_by_id" uuid null, "assigned_by_name" varchar(120) not null, "handoff_note" text null, "ended_at" timestamptz null, constraint "incident_role_assignment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "incident_role_assignment_incident_id_created_at_index" on "incident_role_assignment" ("incident_id", "created_at");`,
    );
    this.addSql(
      `create unique index "incident_role_assignment_open_unique" on "incident_role_assignment" ("incident_id", "role") where "ended_at" is null;`,
    );

    this.addSql(
      `create table "incident_automation" ("incident_id" uuid not null, "automation_id" uuid not null, constraint "incident_automation_pkey" primary key ("incident_id", "automation_id"));`,
    );

    this.addSql(
      `create table "api_token" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "created_by_id" uuid not null, "name" varchar(120) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "api_token_organization_id_index" on "api_token" ("organization_id");`,
    );
    this.addSql(
      `alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`,
    );

    this.addSql(
      `alter table "audit_record" add constraint "audit_record_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "team" add constraint "team_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "automation" add constraint "automation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "automation" add constraint "automation_owner_team_id_foreign" foreign key ("owner_team_id") references "team" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "session" add constraint "session_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "membership" add constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "incident" add constraint "incident_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "incident" add constraint "incident_impact_scope_validated_by_id_foreign" foreign key ("impact_scope_validated_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "incident_transition" add constraint "incident_transition_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "incident_role_assignment" add constraint "incident_role_assignment_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_role_assignment" add constraint "incident_role_assignment_holder_id_foreign" foreign key ("holder_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "incident_automation" add constraint "incident_automation_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_automation" add constraint "incident_automation_automation_id_foreign" foreign key ("automation_id") references "automation" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_token" add constraint "api_token_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_token" add constraint "api_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "audit_record" drop constraint "audit_record_organization_id_foreign";`,
    );

    this.addSql(`alter table "team" drop constraint "team_organization_id_foreign";`);

    this.addSql(`alter table "automation" drop constraint "automation_organization_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_organization_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_organization_id_foreign";`);

    this.addSql(`alter table "incident" drop constraint "incident_organization_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_organization_id_foreign";`);

    this.addSql(`alter table "automation" drop constraint "automation_owner_team_id_foreign";`);

    this.addSql(
      `alter table "incident_automation" drop constraint "incident_automation_automation_id_foreign";`,
    );

    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(
      `alter table "incident" drop constraint "incident_impact_scope_validated_by_id_foreign";`,
    );

    this.addSql(
      `alter table "incident_role_assignment" drop constraint "incident_role_assignment_holder_id_foreign";`,
    );

    this.addSql(`alter table "api_token" drop constraint "api_token_created_by_id_foreign";`);

    this.addSql(
      `alter table "incident_transition" drop constraint "incident_transition_incident_id_foreign";`,
    );

    this.addSql(
      `alter table "incident_role_assignment" drop constraint "incident_role_assignment_incident_id_foreign";`,
    );

    this.addSql(
      `alter table "incident_automation" drop constraint "incident_automation_incident_id_foreign";`,
    );

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "audit_record" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "automation" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop table if exists "incident" cascade;`);

    this.addSql(`drop table if exists "incident_transition" cascade;`);

    this.addSql(`drop table if exists "incident_role_assignment" cascade;`);

    this.addSql(`drop table if exists "incident_automation" cascade;`);

    this.addSql(`drop table if exists "api_token" cascade;`);
  }
}
