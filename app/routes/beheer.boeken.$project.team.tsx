import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireProjectEditor } from "~/modules/book/project.server";
import { InvitationsTable, InviteForm, MembersTable } from "~/modules/teams/components/team-parts";
import { InviteSchema } from "~/modules/teams/teams.schema";
import { inviteToTeam, listTeam, removeTeamMember, revokeInvitation, type TeamScope } from "~/modules/teams/teams.server";

/** A book project's editorial team, for its editors: editors by e-mail invitation. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectEditor(request, context, params);
  const team = await listTeam(getDb(), { kind: "project", projectId: project.id, name: project.title });
  return {
    project: { title: project.title, slug: project.slug },
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
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Redactie — ${data.project.title} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectEditor(request, context, params);
  const scope: TeamScope = { kind: "project", projectId: project.id, name: project.title };
  return { db: getDb(), actor: actorFrom(context), user, slug: project.slug, scope, locale: context.locale };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    invite: intent({
      schema: InviteSchema,
      run: (g, input) =>
        inviteToTeam(g.db, g.actor, g.scope, input.email, { origin: config().origin, locale: g.locale, inviter: g.user.name }),
      done: (g) => redirectWithNotice(`/beheer/boeken/${g.slug}/team`, "teams.notice.invited"),
    }),
    revoke: intent({
      run: (g, input) => revokeInvitation(g.db, g.actor, g.scope, input.invitationId ?? ""),
      done: (g) => redirectWithNotice(`/beheer/boeken/${g.slug}/team`, "teams.notice.invitationRevoked"),
    }),
    remove: intent({
      run: (g, input) => removeTeamMember(g.db, g.actor, g.scope, input.grantId ?? ""),
      done: (g) => redirectWithNotice(`/beheer/boeken/${g.slug}/team`, "teams.notice.memberRemoved"),
    }),
  });

export default function BookTeam() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("teams.book.title", { project: d.project.title })}</Heading1>
      <Paragraph>
        <AppLink to={`/beheer/boeken/${d.project.slug}`}>{t("bookWriting.backToProject")}</AppLink>
      </Paragraph>
      <Paragraph>{t("teams.book.intro")}</Paragraph>
      <InviteForm id="invite-heading" heading={t("teams.book.inviteHeading")} />
      <MembersTable id="members-heading" heading={t("teams.book.membersHeading")} members={d.members} />
      <InvitationsTable id="invitations-heading" heading={t("teams.invitations.heading")} invitations={d.invitations} />
    </>
  );
}
