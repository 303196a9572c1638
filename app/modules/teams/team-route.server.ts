import { config } from "~/config.server";
import type { Db, DbOrTrx } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { intent, redirectWithNotice } from "~/lib/action.server";
import type { Actor } from "~/modules/audit/audit.server";
import { InviteSchema } from "./teams.schema";
import { inviteToTeam, listTeam, removeTeamMember, revokeInvitation, type TeamScope } from "./teams.server";

// The route half both team pages share (an award's organizers, a book project's editors): what the
// loader returns about the team, and the three intents of the action. Each route keeps its own guard
// (the scope comes from it, never from the form) and what only it has (the award's juries).

/** What a team route's guard found: the scope and the page's own path (where every intent returns). */
export interface TeamGuarded {
  db: Db;
  actor: Actor;
  user: { id: string; name: string };
  scope: TeamScope;
  locale: Locale;
  path: string;
}

/** The team's members and open invitations as the page shows them (dates as ISO text; "you" marked). */
export async function teamPageData(db: DbOrTrx, scope: TeamScope, viewerId: string) {
  const team = await listTeam(db, scope);
  return {
    members: team.members.map((m) => ({
      grantId: m.id,
      name: m.name,
      email: m.email,
      since: m.created_at.toISOString(),
      self: m.user_id === viewerId,
    })),
    invitations: team.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invited_by_name,
      expiresAt: i.expires_at.toISOString(),
    })),
  };
}

/** Invite an address, revoke an open invitation, remove a member: in the guard's scope, back to the page. */
export function teamIntents<G extends TeamGuarded>() {
  return {
    invite: intent({
      schema: InviteSchema,
      run: (g: G, input) =>
        inviteToTeam(g.db, g.actor, g.scope, input.email, { origin: config().origin, locale: g.locale, inviter: g.user.name }),
      done: (g: G) => redirectWithNotice(g.path, "teams.notice.invited"),
    }),
    revoke: intent({
      run: (g: G, input: Record<string, string>) => revokeInvitation(g.db, g.actor, g.scope, input.invitationId ?? ""),
      done: (g: G) => redirectWithNotice(g.path, "teams.notice.invitationRevoked"),
    }),
    remove: intent({
      run: (g: G, input: Record<string, string>) => removeTeamMember(g.db, g.actor, g.scope, input.grantId ?? ""),
      done: (g: G) => redirectWithNotice(g.path, "teams.notice.memberRemoved"),
    }),
  };
}
