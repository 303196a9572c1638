import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translator } from "~/i18n/i18n";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading1, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useNumberFormat } from "~/lib/locale";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { AWARD_DATASETS, awardDatasetCounts } from "~/modules/exports/award-datasets.server";
import { DOWNLOADS, downloadFile } from "~/modules/exports/downloads";
import { DownloadLinks } from "~/components/download-links";

/** Above this many rows the page tells the organizer the download takes a while. */
const LARGE = 50_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const counts = await awardDatasetCounts(getDb(), edition.id);
  const base = `/beheer/prijzen/${edition.awardSlug}/${edition.year}`;
  return {
    edition: { name: edition.name, base, auditLog: `/beheer/prijzen/${edition.awardSlug}/auditlog` },
    title: translator(context.locale)("exports.page.title", { edition: edition.name }),
    datasets: AWARD_DATASETS.map((dataset) => ({ dataset, rows: counts[dataset] })),
    formats: [...DOWNLOADS],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Lauwer` : "Lauwer" }];

export default function AwardExports() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const formatName = (format: string) => (format === "csv-nl" ? t("csv.formatNl") : t(`exports.page.formats.${format}`));
  return (
    <>
      <Heading1>{t("exports.page.title", { edition: d.edition.name })}</Heading1>
      <Paragraph>{t("exports.page.intro")}</Paragraph>
      <section aria-labelledby="datasets-heading">
        <Heading2 id="datasets-heading">{t("exports.page.datasetsHeading")}</Heading2>
        <HeadedTable
          headers={[t("exports.page.dataset"), t("exports.page.description"), t("exports.page.rows"), t("exports.page.download")]}
        >
          {d.datasets.map(({ dataset, rows }) => {
            const name = t(`exports.datasets.${dataset}.name`);
            return (
              <TableRow key={dataset} data-dataset={dataset}>
                <TableCell>{name}</TableCell>
                <TableCell>
                  {t(`exports.datasets.${dataset}.description`)}
                  {rows > LARGE ? <> {t("exports.page.large")}</> : null}
                </TableCell>
                <TableCell data-rows={rows}>{number(rows)}</TableCell>
                <TableCell>
                  <DownloadLinks
                    formats={d.formats}
                    href={(format) => `${d.edition.base}/export/${downloadFile(dataset, format)}`}
                    label={formatName}
                    ariaLabel={(format) => t("exports.page.downloadAs", { dataset: name, format: formatName(format) })}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </HeadedTable>
        <Paragraph>{t("csv.help")}</Paragraph>
      </section>
      <Paragraph>
        <AppLink to={d.edition.auditLog}>{t("exports.page.auditLog")}</AppLink>
      </Paragraph>
    </>
  );
}
