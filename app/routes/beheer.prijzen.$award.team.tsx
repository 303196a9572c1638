import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireAwardOrganizer } from "~/modules/awards/guard.server";
import { AwardJuries, TeamPage } from "~/modules/teams/components/team-parts";
import { teamIntents, teamPageData } from "~/modules/teams/team-route.server";
import { listAwardJuries, revokeJuryInvite, type TeamScope } from "~/modules/teams/teams.server";
import organizerCss from "~/styles/organizer.css";

/** An award's team, for its organizers: co-organizers by e-mail invitation, and its juries per edition. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

const scopeOf = (award: { id: string; name: string }): TeamScope => ({ kind: "award", awardId: award.id, name: award.name });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, award } = await requireAwardOrganizer(request, context, params);
  const db = getDb();
  const [team, juries] = await Promise.all([teamPageData(db, scopeOf(award), user.id), listAwardJuries(db, award.id)]);
  return { award: { name: award.name, slug: award.slug }, ...team, juries };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Team — ${data.award.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { user, award } = await requireAwardOrganizer(request, context, params);
  const path = `/beheer/prijzen/${award.slug}/team`;
  return { db: getDb(), actor: actorFrom(context), user, award, scope: scopeOf(award), locale: context.locale, path };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    ...teamIntents<Awaited<ReturnType<typeof guard>>>(),
    revokeJury: intent({
      run: (g, input) => revokeJuryInvite(g.db, g.actor, g.award.id, input.inviteId ?? ""),
      done: (g) => redirectWithNotice(g.path, "teams.notice.juryInviteRevoked"),
    }),
  });

export default function AwardTeam() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <TeamPage
      title={t("teams.award.title", { award: d.award.name })}
      back={{ to: "/beheer/prijzen", label: t("teams.award.back") }}
      intro={t("teams.award.intro")}
      inviteHeading={t("teams.award.inviteHeading")}
      membersHeading={t("teams.award.organizersHeading")}
      members={d.members}
      invitations={d.invitations}
    >
      <AwardJuries awardSlug={d.award.slug} juries={d.juries} />
    </TeamPage>
  );
}
