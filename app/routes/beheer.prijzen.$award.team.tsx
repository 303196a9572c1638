import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireAwardOrganizer } from "~/modules/awards/guard.server";
import { InvitationsTable, InviteForm, MembersTable } from "~/modules/teams/components/team-parts";
import { InviteSchema } from "~/modules/teams/teams.schema";
import {
  inviteToTeam,
  listAwardJuries,
  listTeam,
  removeTeamMember,
  revokeInvitation,
  revokeJuryInvite,
  type TeamScope,
} from "~/modules/teams/teams.server";
import organizerCss from "~/styles/organizer.css";

/** An award's team, for its organizers: co-organizers by e-mail invitation, and its juries per edition. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, award } = await requireAwardOrganizer(request, context, params);
  const db = getDb();
  const scope: TeamScope = { kind: "award", awardId: award.id, name: award.name };
  const [team, juries] = await Promise.all([listTeam(db, scope), listAwardJuries(db, award.id)]);
  return {
    award: { name: award.name, slug: award.slug },
    members: team.members.map((m) => ({
      grantId: m.id,
      name: m.name,
      email: m.email,
      since: m.created_at.toISOString(),
      self: m.user_id === user.id,
    })),
    invitations: team.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invited_by_name,
      expiresAt: i.expires_at.toISOString(),
    })),
    juries,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Team — ${data.award.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { user, award } = await requireAwardOrganizer(request, context, params);
  const scope: TeamScope = { kind: "award", awardId: award.id, name: award.name };
  return { db: getDb(), actor: actorFrom(context), user, award, scope, locale: context.locale };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    invite: intent({
      schema: InviteSchema,
      run: (g, input) =>
        inviteToTeam(g.db, g.actor, g.scope, input.email, { origin: config().origin, locale: g.locale, inviter: g.user.name }),
      done: (g) => redirectWithNotice(`/beheer/prijzen/${g.award.slug}/team`, "teams.notice.invited"),
    }),
    revoke: intent({
      run: (g, input) => revokeInvitation(g.db, g.actor, g.scope, input.invitationId ?? ""),
      done: (g) => redirectWithNotice(`/beheer/prijzen/${g.award.slug}/team`, "teams.notice.invitationRevoked"),
    }),
    remove: intent({
      run: (g, input) => removeTeamMember(g.db, g.actor, g.scope, input.grantId ?? ""),
      done: (g) => redirectWithNotice(`/beheer/prijzen/${g.award.slug}/team`, "teams.notice.memberRemoved"),
    }),
    revokeJury: intent({
      run: (g, input) => revokeJuryInvite(g.db, g.actor, g.award.id, input.inviteId ?? ""),
      done: (g) => redirectWithNotice(`/beheer/prijzen/${g.award.slug}/team`, "teams.notice.juryInviteRevoked"),
    }),
  });

export default function AwardTeam() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("teams.award.title", { award: d.award.name })}</Heading1>
      <Paragraph>
        <AppLink to="/beheer/prijzen">{t("teams.award.back")}</AppLink>
      </Paragraph>
      <Paragraph>{t("teams.award.intro")}</Paragraph>
      <InviteForm id="invite-heading" heading={t("teams.award.inviteHeading")} />
      <MembersTable id="members-heading" heading={t("teams.award.organizersHeading")} members={d.members} />
      <InvitationsTable id="invitations-heading" heading={t("teams.invitations.heading")} invitations={d.invitations} />

      <section aria-labelledby="jury-heading">
        <Heading2 id="jury-heading">{t("teams.award.juryHeading")}</Heading2>
        <Paragraph>{t("teams.award.juryIntro")}</Paragraph>
        {d.juries.length === 0 ? <Paragraph>{t("teams.award.noEditions")}</Paragraph> : null}
        {d.juries.map((e) => (
          <section key={e.id} aria-labelledby={`jury-${e.year}`}>
            <h3 id={`jury-${e.year}`} className="utrecht-heading-3">
              {t("teams.award.juryEdition", { year: e.year })}
            </h3>
            <Paragraph>{t("teams.award.juryMembers", { count: e.members.length })}</Paragraph>
            {e.members.length > 0 ? (
              <UnorderedList>
                {e.members.map((m) => (
                  <UnorderedListItem key={m.email}>
                    {m.name} ({m.email})
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            ) : null}
            <Paragraph>
              <AppLink to={`/beheer/prijzen/${d.award.slug}/${e.year}/jury`}>{t("teams.award.juryInvite", { year: e.year })}</AppLink>
            </Paragraph>
            {e.invites.length > 0 ? (
              <InvitationsTable
                id={`jury-invites-${e.year}`}
                heading={t("teams.award.juryOpenInvites", { year: e.year })}
                invitations={e.invites.map((i) => ({ ...i, role: "jury", invitedBy: null }))}
                intent="revokeJury"
                field="inviteId"
                level={4}
              />
            ) : null}
          </section>
        ))}
      </section>
    </>
  );
}
