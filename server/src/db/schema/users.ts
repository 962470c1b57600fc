import { boolean, date, datetime, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

export const ROLE_VALUES = ['public', 'director', 'supervisor', 'social_worker', 'station_head', 'county_admin'] as const;

export const users = mysqlTable(
  'users',
  {
    id: int('id').autoincrement().primaryKey(),
    role: mysqlEnum('role', ROLE_VALUES).notNull(),
    orgId: int('org_id'),
    name: varchar('name', { length: 60 }).notNull(),
    username: varchar('username', { length: 64 }),
    passwordHash: varchar('password_hash', { length: 255 }),
    /** Public users: keyed blind index of the WeChat openid, and the openid itself encrypted. */
    openidIndex: varchar('openid_index', { length: 64 }),
    openidEnc: varchar('openid_enc', { length: 255 }),
    phoneEnc: varchar('phone_enc', { length: 255 }),
    /** Public users signed in by phone (H5): keyed blind index of the mobile number (the number itself is phoneEnc). */
    phoneIndex: varchar('phone_index', { length: 64 }),
    active: boolean('active').notNull().default(true),
    /** Set by a password reset (or a new account): the next sign-in must choose a new password first. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: datetime('password_changed_at', { mode: 'date', fsp: 3 }),
    /** Child directors: the day of appointment (anchor of the first-training clock, seed 003). */
    appointedOn: date('appointed_on', { mode: 'string' }),
    disabledAt: datetime('disabled_at', { mode: 'date', fsp: 3 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    uniqueIndex('users_openid_uq').on(t.openidIndex),
    uniqueIndex('users_phone_uq').on(t.phoneIndex),
    index('users_org_idx').on(t.orgId, t.role),
  ],
);

/**
 * Failed staff sign-ins, counted per account (`u:<user id>`) or, for a username that matches no
 * account, per keyed blind index of the lower-cased name (`n:<index>`), so unknown names lock
 * exactly like real ones. A guess is counted (failures + 1, in one UPDATE) before its password is
 * checked, so concurrent guesses cannot all read the same count: at most 5 passwords are checked
 * per window whatever the concurrency.
 */
export const loginGuards = mysqlTable('login_guards', {
  guardKey: varchar('guard_key', { length: 80 }).primaryKey(),
  failures: int('failures').notNull().default(0),
  windowStartedAt: datetime('window_started_at', { mode: 'date', fsp: 3 }).notNull(),
  lockedUntil: datetime('locked_until', { mode: 'date', fsp: 3 }),
});

/** One sign-in = one session = one refresh-token family. */
export const authSessions = mysqlTable(
  'auth_sessions',
  {
    id: varchar('id', { length: 36 }).primaryKey(),
    userId: int('user_id').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    lastSeenAt: datetime('last_seen_at', { mode: 'date', fsp: 3 }).notNull(),
    revokedAt: datetime('revoked_at', { mode: 'date', fsp: 3 }),
    revokedReason: varchar('revoked_reason', { length: 40 }),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

export const refreshTokens = mysqlTable(
  'refresh_tokens',
  {
    id: int('id').autoincrement().primaryKey(),
    sessionId: varchar('session_id', { length: 36 }).notNull(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_session_idx').on(t.sessionId)],
);

/**
 * One-time sign-in codes sent by SMS: only a keyed hash of the code, the number as a blind index;
 * valid for a few minutes, spent on first use or after too many wrong tries.
 */
export const phoneCodes = mysqlTable(
  'phone_codes',
  {
    id: int('id').autoincrement().primaryKey(),
    phoneIndex: varchar('phone_index', { length: 64 }).notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    attempts: int('attempts').notNull().default(0),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [index('phone_codes_phone_idx').on(t.phoneIndex, t.id), index('phone_codes_expiry_idx').on(t.expiresAt)],
);

/** Training records of staff (seed 003: a new child director is trained within 3 months of appointment, then yearly). */
export const staffTrainings = mysqlTable(
  'staff_trainings',
  {
    id: int('id').autoincrement().primaryKey(),
    userId: int('user_id').notNull(),
    trainedOn: date('trained_on', { mode: 'string' }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    hours: int('hours'),
    createdBy: int('created_by').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('staff_trainings_user_idx').on(t.userId, t.trainedOn)],
);
