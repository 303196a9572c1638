import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { NextActions, Timeline } from "~/modules/awards/components/control-room";
import { controlRoom } from "~/modules/awards/control-room.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";

/** The edition's control room: where it stands and what the organizer does next. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const base = `/beheer/prijzen/${edition.awardSlug}/${edition.year}`;
  const { timeline, actions } = await controlRoom(getDb(), edition, context.locale);
  return {
    edition: { name: edition.name },
    timeline: timeline.map((s) => ({ ...s, href: s.href ? `${base}/${s.href}` : null })),
    actions: actions.map((a) => ({ ...a, href: `${base}/${a.href}` })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.edition.name} — Lauwer` : "Lauwer" }];

export default function ControlRoom() {
  const { edition, timeline, actions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("control.title", { edition: edition.name })}</Heading1>
      <Paragraph lead>{t("control.intro")}</Paragraph>
      <NextActions actions={actions} />
      <Timeline steps={timeline} />
    </>
  );
}
