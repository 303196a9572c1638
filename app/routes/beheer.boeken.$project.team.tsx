import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { handleIntents } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireProjectEditor } from "~/modules/book/project.server";
import { TeamPage } from "~/modules/teams/components/team-parts";
import { teamIntents, teamPageData } from "~/modules/teams/team-route.server";
import type { TeamScope } from "~/modules/teams/teams.server";

/** A book project's editorial team, for its editors: editors by e-mail invitation. */
const scopeOf = (project: { id: string; title: string }): TeamScope => ({ kind: "project", projectId: project.id, name: project.title });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectEditor(request, context, params);
  const team = await teamPageData(getDb(), scopeOf(project), user.id);
  return { project: { title: project.title, slug: project.slug }, ...team };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Redactie — ${data.project.title} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectEditor(request, context, params);
  const path = `/beheer/boeken/${project.slug}/team`;
  return { db: getDb(), actor: actorFrom(context), user, scope: scopeOf(project), locale: context.locale, path };
}

export const action = (args: ActionFunctionArgs) => handleIntents(args, guard, teamIntents<Awaited<ReturnType<typeof guard>>>());

export default function BookTeam() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <TeamPage
      title={t("teams.book.title", { project: d.project.title })}
      back={{ to: `/beheer/boeken/${d.project.slug}`, label: t("bookWriting.backToProject") }}
      intro={t("teams.book.intro")}
      inviteHeading={t("teams.book.inviteHeading")}
      membersHeading={t("teams.book.membersHeading")}
      members={d.members}
      invitations={d.invitations}
    />
  );
}
