import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Pagination } from "~/components/pagination";
import {
  Button,
  FormField,
  FormLabel,
  HeadedTable,
  Heading1,
  Paragraph,
  Select,
  SelectOption,
  TableCell,
  TableRow,
} from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { NomineeIdSchema, QUEUE_STATUSES } from "~/modules/awards/moderation.schema";
import { approveNominee, listQueue, QUEUE_PAGE_SIZE } from "~/modules/awards/moderation.server";

const CONSENTS = ["pending", "accepted", "declined"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const url = new URL(request.url);
  const status = QUEUE_STATUSES.find((s) => s === url.searchParams.get("status"));
  const consent = CONSENTS.find((s) => s === url.searchParams.get("toestemming"));
  const category = edition.categories.find((c) => c.slug === url.searchParams.get("categorie"));
  const possibleDuplicate = url.searchParams.get("vlag") === "dubbel";
  const pageParam = Number(url.searchParams.get("pagina") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const rows = await listQueue(getDb(), edition.id, { status, consent, categoryId: category?.id, possibleDuplicate, page });
  const total = rows[0]?.total ?? 0;
  return {
    edition: { name: edition.name, categories: edition.categories },
    filters: { status: status ?? "", consent: consent ?? "", category: category?.slug ?? "", flag: possibleDuplicate ? "dubbel" : "" },
    page,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    total,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.redacted_at ? null : r.name,
      organisation: r.organisation,
      category: context.locale === "en" ? r.category_en : r.category_nl,
      status: r.status,
      consent: r.consent_status,
      nominations: r.nominations,
      statements: r.statements,
      possibleDuplicate: r.possible_duplicate,
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const parsed = await parseForm(request, NomineeIdSchema);
  if (!parsed.ok) return formFailure(400, { fieldErrors: {}, formError: "moderation.errors.notFound" });
  const result = await approveNominee(getDb(), actorFrom(context), edition.id, parsed.data.nomineeId);
  if (!result.ok) return formFailure(404, { fieldErrors: {}, formError: result.error });
  const back = new URL(request.url);
  back.searchParams.set("melding", "moderation.approved");
  return redirect(back.pathname + back.search);
}

export default function ModerationQueue() {
  const { edition, filters, rows, page, pages, total } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => {
    const params = new URLSearchParams(
      Object.entries({ status: filters.status, toestemming: filters.consent, categorie: filters.category, vlag: filters.flag }).filter(
        ([, v]) => v,
      ),
    );
    if (p > 1) params.set("pagina", String(p));
    return `?${params.toString()}`;
  };
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("moderation.title", { edition: edition.name })}</Heading1>
      <Paragraph>{t("moderation.intro")}</Paragraph>
      <Paragraph>
        <AppLink to="../procedure" relative="path">
          {t("procedure.manageProcedure")}
        </AppLink>{" "}
        ·{" "}
        <AppLink to="../jury" relative="path">
          {t("jury.home.title")}
        </AppLink>{" "}
        ·{" "}
        <AppLink to="../uitslag" relative="path">
          {t("awards.resultsNav")}
        </AppLink>{" "}
        ·{" "}
        <AppLink to="../export" relative="path">
          {t("moderation.exportsNav")}
        </AppLink>{" "}
        ·{" "}
        <AppLink to="../../auditlog" relative="path">
          {t("auditLog.title")}
        </AppLink>
      </Paragraph>
      <Form method="get" className="lauwer-search" aria-label={t("moderation.filters")}>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-status">{t("moderation.status")}</FormLabel>
          </div>
          <Select id="filter-status" name="status" defaultValue={filters.status}>
            <SelectOption value="">{t("moderation.any")}</SelectOption>
            {QUEUE_STATUSES.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`moderation.statusValue.${s}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-consent">{t("moderation.consent")}</FormLabel>
          </div>
          <Select id="filter-consent" name="toestemming" defaultValue={filters.consent}>
            <SelectOption value="">{t("moderation.any")}</SelectOption>
            {CONSENTS.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`moderation.consentValue.${s}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="text">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="filter-flag">{t("moderation.flag")}</FormLabel>
          </div>
          <Select id="filter-flag" name="vlag" defaultValue={filters.flag}>
            <SelectOption value="">{t("moderation.any")}</SelectOption>
            <SelectOption value="dubbel">{t("moderation.possibleDuplicate")}</SelectOption>
          </Select>
        </FormField>
        {edition.categories.length > 1 ? (
          <FormField type="text">
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor="filter-category">{t("moderation.category")}</FormLabel>
            </div>
            <Select id="filter-category" name="categorie" defaultValue={filters.category}>
              <SelectOption value="">{t("moderation.any")}</SelectOption>
              {edition.categories.map((c) => (
                <SelectOption key={c.id} value={c.slug}>
                  {c.name}
                </SelectOption>
              ))}
            </Select>
          </FormField>
        ) : null}
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("moderation.filter")}
          </Button>
        </div>
      </Form>
      <Paragraph role="status">{t("moderation.count", { count: total })}</Paragraph>
      <HeadedTable
        headers={[
          t("moderation.nominee"),
          t("moderation.category"),
          t("moderation.nominations"),
          t("moderation.status"),
          t("moderation.consent"),
          t("moderation.actions"),
        ]}
      >
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <AppLink to={r.id} aria-label={t("moderation.open", { name: r.name ?? t("moderation.redacted") })}>
                {r.name ?? t("moderation.redacted")}
              </AppLink>
              {r.organisation ? <div>{r.organisation}</div> : null}
              {r.possibleDuplicate ? <div className="lauwer-flag">{t("moderation.possibleDuplicate")}</div> : null}
            </TableCell>
            <TableCell>{r.category}</TableCell>
            <TableCell>
              {r.nominations} ({t("moderation.statements")}: {r.statements})
            </TableCell>
            <TableCell>{t(`moderation.statusValue.${r.status}`)}</TableCell>
            <TableCell>{t(`moderation.consentValue.${r.consent}`)}</TableCell>
            <TableCell>
              {r.status === "pending" && r.name ? (
                <Form method="post">
                  <input type="hidden" name="nomineeId" value={r.id} />
                  <Button type="submit" appearance="secondary-action-button" aria-label={t("moderation.approveLabel", { name: r.name })}>
                    {t("moderation.approve")}
                  </Button>
                </Form>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
      <Pagination page={page} pages={pages} href={pageLink} />
    </>
  );
}
