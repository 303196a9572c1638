import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useNumberFormat } from "~/lib/locale";
import { requireProjectEditor } from "~/modules/book/project.server";
import { BOOK_DATASETS, bookDatasetCounts } from "~/modules/exports/book-datasets.server";
import { DOWNLOADS, downloadFile } from "~/modules/exports/downloads";
import { DownloadLinks } from "~/components/download-links";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const counts = await bookDatasetCounts(getDb(), project.id);
  return {
    project: { title: project.title, base: `/beheer/boeken/${project.slug}` },
    datasets: BOOK_DATASETS.map((dataset) => ({ dataset, rows: counts[dataset] })),
    formats: [...DOWNLOADS],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Export — ${data.project.title} — Lauwer` : "Lauwer" }];

export default function BookExports() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const formatName = (format: string) => (format === "csv-nl" ? t("csv.formatNl") : t(`bookExports.formats.${format}`));
  return (
    <>
      <Heading1>{t("bookExports.title", { title: d.project.title })}</Heading1>
      <Paragraph>{t("bookExports.intro")}</Paragraph>
      <HeadedTable headers={[t("bookExports.dataset"), t("bookExports.description"), t("bookExports.rows"), t("bookExports.download")]}>
        {d.datasets.map(({ dataset, rows }) => {
          const name = t(`bookExports.datasets.${dataset}.name`);
          return (
            <TableRow key={dataset} data-dataset={dataset}>
              <TableCell>{name}</TableCell>
              <TableCell>{t(`bookExports.datasets.${dataset}.description`)}</TableCell>
              <TableCell data-rows={rows}>{number(rows)}</TableCell>
              <TableCell>
                <DownloadLinks
                  formats={d.formats}
                  href={(format) => `${d.project.base}/export/${downloadFile(dataset, format)}`}
                  label={formatName}
                  ariaLabel={(format) => t("bookExports.downloadAs", { dataset: name, format: formatName(format) })}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </HeadedTable>
      <Paragraph>{t("csv.help")}</Paragraph>
      <Paragraph>
        <AppLink to={`${d.project.base}/auditlog`}>{t("bookExports.auditLog")}</AppLink> ·{" "}
        <AppLink to={d.project.base}>{t("bookExports.backToProject")}</AppLink>
      </Paragraph>
    </>
  );
}
