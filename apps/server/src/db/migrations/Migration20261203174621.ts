import { Migration } from '@mikro-orm/migrations';

export class Migration20261203174621 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "timeline_entry" ("incident_id" uuid not null, "entry_id" varchar(64) not null, "organization_id" uuid not null, "occurred_at" timestamptz not null, "written_at" timestamptz not null, "kind" text check ("kind" in ('NOTE', 'SIGNAL', 'ACTION', 'DECISION', 'STATUS_CHANGE', 'ROLE_CHANGE', 'COMMUNICATION', 'EVIDENCE')) not null, "source" text check ("source" in ('PERSON', 'SYSTEM', 'INTEGRATION')) not null, "author_kind" text check ("author_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "author_id" uuid null, "author_name" varchar(120) not null, "body" text not null, "pinned" boolean not null, "tags" text[] not null, "evidence" jsonb not null, "deleted" boolean not null, "deleted_at" timestamptz null, "updated_at" timestamptz not null, constraint "timeline_entry_pkey" primary key ("incident_id", "entry_id"));`,
    );
    this.addSql(
      `create index "timeline_entry_incident_id_occurred_at_entry_id_index" on "timeline_entry" ("incident_id", "occurred_at", "entry_id");`,
    );

    this.addSql(
      `create table "postmortem_text" ("incident_id" uuid not null, "organization_id" uuid not null, "body" text not null, "search" tsvector not null, "updated_at" timestamptz not null, constraint "postmortem_text_pkey" primary key ("incident_id"));`,
    );
    this.addSql(
      `create index "postmortem_text_organization_id_index" on "postmortem_text" ("organization_id");`,
    );
    this.addSql(
      `create index "postmortem_text_search_index" on "public"."postmortem_text" using gin("search");`,
    );

    this.addSql(
      `alter table "timeline_entry" add constraint "timeline_entry_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "timeline_entry" add constraint "timeline_entry_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "postmortem_text" add constraint "postmortem_text_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "postmortem_text" add constraint "postmortem_text_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "timeline_entry" cascade;`);

    this.addSql(`drop table if exists "postmortem_text" cascade;`);
  }
}
