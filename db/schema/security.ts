import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { now } from './columns';

// Tables of the security area: local user accounts. Sessions live only in the memory of the host
// (Electron main process / web host), so a stolen database file carries no live session.


/** A person who may sign in. Never deleted (audit rows name them); disabled with `active = 0`. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** As typed at creation; sign-in compares the lower-case form (`username_key`). */
    username: text('username').notNull(),
    usernameKey: text('username_key').notNull(),
    fullName: text('full_name').notNull(),
    /** admin | clerk | viewer */
    role: text('role').notNull(),
    /** "scrypt$N$r$p$salt$hash" (base64url): the parameters travel with the hash so they can be raised later. */
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Consecutive failed sign-ins; reset by a successful one or by an administrator. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** ISO instant until which sign-in is refused after too many failures (stored, so it survives a restart). */
    lockedUntil: text('locked_until'),
    lastLoginAt: text('last_login_at'),
    passwordChangedAt: text('password_changed_at'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('users_username_key_idx').on(t.usernameKey)],
);
