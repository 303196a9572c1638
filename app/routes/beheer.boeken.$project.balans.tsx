import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { BalanceChart } from "~/modules/book/components/balance-chart";
import { balance, selectedCount } from "~/modules/book/editorial.server";
import { requireProjectEditor } from "~/modules/book/project.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const db = getDb();
  const [groups, selected] = await Promise.all([balance(db, project), selectedCount(db, project.id)]);
  return {
    project: {
      slug: project.slug,
      title: project.title,
      target: project.targetCount,
      periodFrom: project.periodFrom,
      periodTo: project.periodTo,
    },
    selected,
    ...groups,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  writingTitle(matches, "bookProposals.balance.title", d?.project.title);

export default function Balance() {
  const { project, selected, decades, themes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Paragraph className="lauwer-preheading">{project.title}</Paragraph>
      <Heading1>{t("bookProposals.balance.title")}</Heading1>
      <Paragraph>{t("bookProposals.balance.intro")}</Paragraph>
      <Paragraph className="lauwer-book-counter">
        <strong>{t("bookProposals.editor.counter", { count: selected, target: project.target })}</strong>
      </Paragraph>
      <Paragraph>
        <AppLink to={`/beheer/boeken/${project.slug}/voordrachten`}>{t("bookProposals.editor.back")}</AppLink>
      </Paragraph>
      <section aria-labelledby="decades-heading">
        <Heading2 id="decades-heading">{t("bookProposals.balance.byDecade")}</Heading2>
        <BalanceChart
          id="balance-decades"
          caption={t("bookProposals.balance.byDecade")}
          groupLabel={t("bookProposals.balance.decade")}
          items={decades}
        />
        <Paragraph>{t("bookProposals.balance.earlyNote")}</Paragraph>
      </section>
      <section aria-labelledby="themes-heading">
        <Heading2 id="themes-heading">{t("bookProposals.balance.byTheme")}</Heading2>
        <BalanceChart
          id="balance-themes"
          caption={t("bookProposals.balance.byTheme")}
          groupLabel={t("bookProposals.balance.theme")}
          items={themes}
        />
      </section>
    </>
  );
}
