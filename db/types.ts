import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Locale = "nl" | "en";
export type RoleName = "admin" | "organizer" | "jury" | "editor";

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  organisation: Generated<string>;
  password_hash: string;
  locale: Generated<Locale>;
  email_verified_at: TimestampNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface OneTimeTokenTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: TimestampNull;
  created_at: Generated<Date>;
}

export interface AwardTable {
  id: Generated<string>;
  slug: string;
  name_nl: string;
  name_en: string;
  created_at: Generated<Date>;
}

export interface EditionTable {
  id: Generated<string>;
  award_id: string;
  year: number;
  created_at: Generated<Date>;
}

export interface BookProjectTable {
  id: Generated<string>;
  slug: string;
  title_nl: string;
  title_en: string;
  created_at: Generated<Date>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: RoleName;
  award_id: string | null;
  edition_id: string | null;
  book_project_id: string | null;
  granted_by: string | null;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
}

export interface OutboxEmailTable {
  id: Generated<string>;
  to_address: string;
  locale: Locale;
  template: string;
  subject: string;
  body_text: string;
  status: Generated<"pending" | "sending" | "sent" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_at: TimestampNull;
  sent_at: TimestampNull;
  last_error: string | null;
  created_at: Generated<Date>;
}

export interface RateLimitTable {
  key: string;
  points: number;
  expire: string | null;
}

export interface DB {
  app_user: AppUserTable;
  user_session: UserSessionTable;
  email_verification_token: OneTimeTokenTable;
  password_reset_token: OneTimeTokenTable;
  award: AwardTable;
  edition: EditionTable;
  book_project: BookProjectTable;
  role_grant: RoleGrantTable;
  audit_log: AuditLogTable;
  outbox_email: OutboxEmailTable;
  rate_limit: RateLimitTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type OutboxEmail = Selectable<OutboxEmailTable>;
export type AuditEntry = Selectable<AuditLogTable>;
