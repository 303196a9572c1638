import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { JuryRoundCard } from "~/modules/home/components/jury-round-card";
import { listJurorRounds } from "~/modules/home/open-work.server";

export const meta = titleMeta("jury.home.title");

/** The jury rounds of every edition where the user is a jury member (with the role still granted): state, deadline, progress; open first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { rounds: await listJurorRounds(getDb(), user.id, context.locale) };
}

export default function JuryHome() {
  const { rounds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs
        items={[{ to: "/", label: t("nav.home") }, { to: "/mijn-lauwer", label: t("nav.myLauwer") }, { label: t("jury.home.title") }]}
      />
      <Heading1>{t("jury.home.title")}</Heading1>
      {rounds.length === 0 ? (
        <Paragraph>{t("jury.home.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("nav.juryRounds.intro")}</Paragraph>
          <ul className="lauwer-tasks">
            {rounds.map((r) => (
              <JuryRoundCard key={r.href} round={r} headingLevel={2} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
