import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

// Columns every area's tables share: the insert timestamp, and the tracking of rows people work on
// (version for optimistic locking, created/updated times, soft delete).

export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const tracking = {
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
  deletedAt: text('deleted_at'),
};
