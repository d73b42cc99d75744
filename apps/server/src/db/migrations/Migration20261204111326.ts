import { Migration } from '@mikro-orm/migrations';

export class Migration20261204111326 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "postmortem_version" ("id" uuid not null, "created_at" timestamptz not null, "organization_id" uuid not null, "incident_id" uuid not null, "number" int not null, "name" varchar(200) not null, "automatic" boolean not null default false, "author_kind" text check ("author_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "author_id" uuid null, "author_name" varchar(120) not null, "state" bytea not null, "text" text not null, constraint "postmortem_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "postmortem_version" add constraint "postmortem_version_incident_id_number_unique" unique ("incident_id", "number");`,
    );

    this.addSql(
      `alter table "postmortem_version" add constraint "postmortem_version_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "postmortem_version" add constraint "postmortem_version_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "postmortem_version" cascade;`);
  }
}
