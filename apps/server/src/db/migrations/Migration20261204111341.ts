import { Migration } from '@mikro-orm/migrations';

/** The default approval policy as it stood when governance was introduced. */
const DEFAULT_POLICY = JSON.stringify({
  rules: [
    { riskLevel: 'TEXT_ONLY', requirements: [ownerTeam()] },
    { riskLevel: 'STANDARD', requirements: [ownerTeam()] },
    {
      riskLevel: 'HIGH',
      requirements: [
        ownerTeam(),
        { id: 'admin', label: 'Admin', count: 1, from: { kind: 'ADMIN' } },
      ],
    },
  ],
  emergencyReviewHours: 48,
});

function ownerTeam() {
  return { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } };
}

export class Migration20261204111341 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "approval_policy_version" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "number" int not null, "document" jsonb not null, "published_by_kind" text check ("published_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) null, "published_by_id" uuid null, "published_by_name" varchar(120) null, "change_request_id" uuid null, constraint "approval_policy_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "approval_policy_version" add constraint "approval_policy_version_organization_id_number_unique" unique ("organization_id", "number");`,
    );

    this.addSql(
      `create table "playbook" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "title" varchar(200) not null, "owner_team_id" uuid not null, "status" text check ("status" in ('ACTIVE', 'DEPRECATED')) not null default 'ACTIVE', "replaced_by_id" uuid null, "current_version_number" int not null, "last_reviewed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "playbook_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "playbook_organization_id_index" on "playbook" ("organization_id");`);

    this.addSql(
      `create table "playbook_version" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "playbook_id" uuid not null, "number" int not null, "document" jsonb not null, "published_by_kind" text check ("published_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "published_by_id" uuid null, "published_by_name" varchar(120) not null, "change_request_id" uuid not null, constraint "playbook_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "playbook_version_organization_id_index" on "playbook_version" ("organization_id");`,
    );
    this.addSql(
      `alter table "playbook_version" add constraint "playbook_version_playbook_id_number_unique" unique ("playbook_id", "number");`,
    );

    this.addSql(
      `create table "team_member" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "team_id" uuid not null, "user_id" uuid not null, constraint "team_member_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "team_member_organization_id_index" on "team_member" ("organization_id");`,
    );
    this.addSql(`create index "team_member_user_id_index" on "team_member" ("user_id");`);
    this.addSql(
      `alter table "team_member" add constraint "team_member_team_id_user_id_unique" unique ("team_id", "user_id");`,
    );

    this.addSql(
      `create table "playbook_run" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "incident_id" uuid not null, "playbook_version_id" uuid not null, "attached_by_kind" text check ("attached_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "attached_by_id" uuid null, "attached_by_name" varchar(120) not null, "warnings" text[] not null, "version" int not null default 1, constraint "playbook_run_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "playbook_run_incident_id_created_at_index" on "playbook_run" ("incident_id", "created_at");`,
    );
    this.addSql(
      `alter table "playbook_run" add constraint "playbook_run_incident_id_playbook_version_id_unique" unique ("incident_id", "playbook_version_id");`,
    );

    this.addSql(
      `create table "playbook_run_action" ("id" uuid not null, "created_at" timestamptz not null, "run_id" uuid not null, "kind" text check ("kind" in ('STEP_CHECKED', 'STEP_UNCHECKED', 'ARTIFACT_ATTACHED', 'GATE_ANSWERED')) not null, "module_id" varchar(64) not null, "step_id" varchar(64) null, "gate_id" varchar(64) null, "option_id" varchar(64) null, "rationale" text null, "artifact_label" varchar(200) null, "artifact_url" varchar(2048) null, "actor_kind" text check ("actor_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "actor_id" uuid null, "actor_name" varchar(120) not null, "timeline_entry_id" varchar(64) not null, constraint "playbook_run_action_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "playbook_run_action_run_id_created_at_index" on "playbook_run_action" ("run_id", "created_at");`,
    );

    this.addSql(
      `create table "change_request" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "number" int not null, "kind" text check ("kind" in ('NEW_PLAYBOOK', 'NEW_VERSION', 'DEPRECATION', 'POLICY_CHANGE')) not null, "title" varchar(200) not null, "description" text not null default '', "state" text check ("state" in ('DRAFT', 'OPEN', 'CHANGES_REQUESTED', 'APPROVED', 'MERGED', 'REJECTED', 'WITHDRAWN')) not null default 'DRAFT', "author_id" uuid not null, "authored_by_kind" text check ("authored_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "authored_by_id" uuid null, "authored_by_name" varchar(120) not null, "playbook_id" uuid null, "base_version_number" int null, "replacement_id" uuid null, "current_revision" int not null default 1, "emergency" boolean not null default false, "merged_at" timestamptz null, "merged_by_kind" text check ("merged_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) null, "merged_by_id" uuid null, "merged_by_name" varchar(120) null, "applied_policy" jsonb null, "emergency_review_due_at" timestamptz null, "emergency_reviewed_at" timestamptz null, "closed_reason" text null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "change_request_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "change_request_organization_id_state_index" on "change_request" ("organization_id", "state");`,
    );
    this.addSql(
      `alter table "change_request" add constraint "change_request_organization_id_number_unique" unique ("organization_id", "number");`,
    );

    this.addSql(
      `create table "review_thread" ("id" uuid not null, "created_at" timestamptz not null, "change_request_id" uuid not null, "path" varchar(500) not null, "revision" int not null, "resolved_at" timestamptz null, "resolved_by_kind" text check ("resolved_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) null, "resolved_by_id" uuid null, "resolved_by_name" varchar(120) null, constraint "review_thread_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "review_thread_change_request_id_index" on "review_thread" ("change_request_id");`,
    );

    this.addSql(
      `create table "review_comment" ("id" uuid not null, "created_at" timestamptz not null, "thread_id" uuid not null, "author_kind" text check ("author_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "author_id" uuid null, "author_name" varchar(120) not null, "body" text not null, constraint "review_comment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "review_comment_thread_id_created_at_index" on "review_comment" ("thread_id", "created_at");`,
    );

    this.addSql(
      `create table "change_request_revision" ("id" uuid not null, "created_at" timestamptz not null, "change_request_id" uuid not null, "number" int not null, "base_version_number" int null, "document" jsonb null, "conflicts" jsonb not null, "author_kind" text check ("author_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "author_id" uuid null, "author_name" varchar(120) not null, "message" text null, constraint "change_request_revision_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "change_request_revision" add constraint "change_request_revision_change_request_id_number_unique" unique ("change_request_id", "number");`,
    );

    this.addSql(
      `create table "change_request_reviewer" ("id" uuid not null, "created_at" timestamptz not null, "change_request_id" uuid not null, "user_id" uuid not null, constraint "change_request_reviewer_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "change_request_reviewer" add constraint "change_request_reviewer_change_request_id_user_id_unique" unique ("change_request_id", "user_id");`,
    );

    this.addSql(
      `create table "change_request_review" ("id" uuid not null, "created_at" timestamptz not null, "change_request_id" uuid not null, "reviewer_id" uuid not null, "reviewed_by_kind" text check ("reviewed_by_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "reviewed_by_id" uuid null, "reviewed_by_name" varchar(120) not null, "verdict" text check ("verdict" in ('APPROVE', 'REQUEST_CHANGES', 'COMMENT')) not null, "body" text not null default '', "revision" int not null, "after_merge" boolean not null default false, constraint "change_request_review_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "change_request_review_change_request_id_created_at_index" on "change_request_review" ("change_request_id", "created_at");`,
    );

    this.addSql(
      `alter table "approval_policy_version" add constraint "approval_policy_version_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "playbook" add constraint "playbook_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "playbook" add constraint "playbook_owner_team_id_foreign" foreign key ("owner_team_id") references "team" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "playbook" add constraint "playbook_replaced_by_id_foreign" foreign key ("replaced_by_id") references "playbook" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "playbook_version" add constraint "playbook_version_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "playbook_version" add constraint "playbook_version_playbook_id_foreign" foreign key ("playbook_id") references "playbook" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "team_member" add constraint "team_member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "team_member" add constraint "team_member_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "team_member" add constraint "team_member_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "playbook_run" add constraint "playbook_run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "playbook_run" add constraint "playbook_run_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "playbook_run" add constraint "playbook_run_playbook_version_id_foreign" foreign key ("playbook_version_id") references "playbook_version" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "playbook_run_action" add constraint "playbook_run_action_run_id_foreign" foreign key ("run_id") references "playbook_run" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "change_request" add constraint "change_request_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "change_request" add constraint "change_request_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "change_request" add constraint "change_request_playbook_id_foreign" foreign key ("playbook_id") references "playbook" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "change_request" add constraint "change_request_replacement_id_foreign" foreign key ("replacement_id") references "playbook" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "review_thread" add constraint "review_thread_change_request_id_foreign" foreign key ("change_request_id") references "change_request" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "review_comment" add constraint "review_comment_thread_id_foreign" foreign key ("thread_id") references "review_thread" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "change_request_revision" add constraint "change_request_revision_change_request_id_foreign" foreign key ("change_request_id") references "change_request" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "change_request_reviewer" add constraint "change_request_reviewer_change_request_id_foreign" foreign key ("change_request_id") references "change_request" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "change_request_reviewer" add constraint "change_request_reviewer_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "change_request_review" add constraint "change_request_review_change_request_id_foreign" foreign key ("change_request_id") references "change_request" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "change_request_review" add constraint "change_request_review_reviewer_id_foreign" foreign key ("reviewer_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );

    // Organisations that existed before governance start on the default policy, as new ones do.
    this
      .addSql(`insert into "approval_policy_version" ("id", "created_at", "organization_id", "number", "document")
      select gen_random_uuid(), now(), "id", 1, '${DEFAULT_POLICY}'::jsonb from "organization";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "playbook" drop constraint "playbook_replaced_by_id_foreign";`);

    this.addSql(
      `alter table "playbook_version" drop constraint "playbook_version_playbook_id_foreign";`,
    );

    this.addSql(
      `alter table "change_request" drop constraint "change_request_playbook_id_foreign";`,
    );

    this.addSql(
      `alter table "change_request" drop constraint "change_request_replacement_id_foreign";`,
    );

    this.addSql(
      `alter table "playbook_run" drop constraint "playbook_run_playbook_version_id_foreign";`,
    );

    this.addSql(
      `alter table "playbook_run_action" drop constraint "playbook_run_action_run_id_foreign";`,
    );

    this.addSql(
      `alter table "review_thread" drop constraint "review_thread_change_request_id_foreign";`,
    );

    this.addSql(
      `alter table "change_request_revision" drop constraint "change_request_revision_change_request_id_foreign";`,
    );

    this.addSql(
      `alter table "change_request_reviewer" drop constraint "change_request_reviewer_change_request_id_foreign";`,
    );

    this.addSql(
      `alter table "change_request_review" drop constraint "change_request_review_change_request_id_foreign";`,
    );

    this.addSql(`alter table "review_comment" drop constraint "review_comment_thread_id_foreign";`);

    this.addSql(`drop table if exists "approval_policy_version" cascade;`);

    this.addSql(`drop table if exists "playbook" cascade;`);

    this.addSql(`drop table if exists "playbook_version" cascade;`);

    this.addSql(`drop table if exists "team_member" cascade;`);

    this.addSql(`drop table if exists "playbook_run" cascade;`);

    this.addSql(`drop table if exists "playbook_run_action" cascade;`);

    this.addSql(`drop table if exists "change_request" cascade;`);

    this.addSql(`drop table if exists "review_thread" cascade;`);

    this.addSql(`drop table if exists "review_comment" cascade;`);

    this.addSql(`drop table if exists "change_request_revision" cascade;`);

    this.addSql(`drop table if exists "change_request_reviewer" cascade;`);

    this.addSql(`drop table if exists "change_request_review" cascade;`);
  }
}
