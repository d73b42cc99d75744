import { Migration } from '@mikro-orm/migrations';

export class Migration20261203171456 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "collab_document" ("name" varchar(64) not null, "organization_id" uuid not null, "incident_id" uuid not null, "kind" text check ("kind" in ('timeline', 'postmortem')) not null, "last_seq" bigint not null default 0, "snapshot_seq" bigint not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "collab_document_pkey" primary key ("name"));`,
    );
    this.addSql(
      `create index "collab_document_organization_id_incident_id_index" on "collab_document" ("organization_id", "incident_id");`,
    );

    this.addSql(
      `create table "collab_update" ("document_name" varchar(64) not null, "seq" bigint not null, "organization_id" uuid not null, "data" bytea not null, "author_kind" text check ("author_kind" in ('USER', 'TOKEN', 'SYSTEM')) not null, "author_id" uuid null, "created_at" timestamptz not null, constraint "collab_update_pkey" primary key ("document_name", "seq"));`,
    );

    this.addSql(
      `create table "collab_snapshot" ("document_name" varchar(64) not null, "up_to_seq" bigint not null, "organization_id" uuid not null, "data" bytea not null, "created_at" timestamptz not null, constraint "collab_snapshot_pkey" primary key ("document_name", "up_to_seq"));`,
    );

    this.addSql(
      `alter table "collab_document" add constraint "collab_document_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "collab_document" add constraint "collab_document_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "collab_update" add constraint "collab_update_document_name_foreign" foreign key ("document_name") references "collab_document" ("name") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "collab_update" add constraint "collab_update_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "collab_snapshot" add constraint "collab_snapshot_document_name_foreign" foreign key ("document_name") references "collab_document" ("name") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "collab_snapshot" add constraint "collab_snapshot_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "collab_update" drop constraint "collab_update_document_name_foreign";`,
    );

    this.addSql(
      `alter table "collab_snapshot" drop constraint "collab_snapshot_document_name_foreign";`,
    );

    this.addSql(`drop table if exists "collab_document" cascade;`);

    this.addSql(`drop table if exists "collab_update" cascade;`);

    this.addSql(`drop table if exists "collab_snapshot" cascade;`);
  }
}
