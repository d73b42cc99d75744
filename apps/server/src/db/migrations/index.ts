import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203165011 } from './Migration20261203165011.js';
import { Migration20261203171456 } from './Migration20261203171456.js';
import { Migration20261203174621 } from './Migration20261203174621.js';
import { Migration20261204111326 } from './Migration20261204111326.js';
import { Migration20261204111341 } from './Migration20261204111341.js';

/**
 * Committed migrations in the order they apply. Listed by hand so every runner (node, tsx,
 * Vitest) loads them the same way, without scanning folders at run time.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261203165011', class: Migration20261203165011 },
  { name: 'Migration20261203171456', class: Migration20261203171456 },
  { name: 'Migration20261203174621', class: Migration20261203174621 },
  { name: 'Migration20261204111326', class: Migration20261204111326 },
  { name: 'Migration20261204111341', class: Migration20261204111341 },
];
