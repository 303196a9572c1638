import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Pagination } from "~/components/pagination";
import { FilterForm, FilterSelect } from "~/components/filter-form";
import { Button, HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { refuse } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { UUID } from "~/modules/awards/edition.server";
import { QUEUE_STATUSES } from "~/modules/awards/moderation.schema";
import { approveNominee, listQueue, QUEUE_PAGE_SIZE } from "~/modules/awards/moderation.server";

const CONSENTS = ["pending", "accepted", "declined"] as const;
const COLUMNS = ["nominee", "category", "nominations", "status", "consent", "actions"] as const;

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

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  // Back to the queue as it was filtered, with the notice.
  const back = new URL(request.url);
  back.searchParams.set("melding", "moderation.approved");
  return { db: getDb(), actor: actorFrom(context), edition, back: back.pathname + back.search };
}

// The approve buttons post the nominee's id and no intent: approving is the default (""). A malformed
// id is a nominee that is not there; so is one the queue cannot approve (merged, redacted, elsewhere).
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      async run(g, { nomineeId = "" }) {
        if (!UUID.test(nomineeId)) return refuse(400, "moderation.errors.notFound");
        const approved = await approveNominee(g.db, g.actor, g.edition.id, nomineeId);
        return approved.ok ? approved : refuse(404, approved.error);
      },
      done: (g) => redirect(g.back),
    }),
  });

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
  // Status, consent, the duplicate flag, and the category when there is more than one.
  const filterSelects = [
    {
      id: "filter-status",
      name: "status",
      label: t("moderation.status"),
      defaultValue: filters.status,
      options: QUEUE_STATUSES.map((s) => ({ value: s, label: t(`moderation.statusValue.${s}`) })),
    },
    {
      id: "filter-consent",
      name: "toestemming",
      label: t("moderation.consent"),
      defaultValue: filters.consent,
      options: CONSENTS.map((s) => ({ value: s, label: t(`moderation.consentValue.${s}`) })),
    },
    {
      id: "filter-flag",
      name: "vlag",
      label: t("moderation.flag"),
      defaultValue: filters.flag,
      options: [{ value: "dubbel", label: t("moderation.possibleDuplicate") }],
    },
    ...(edition.categories.length > 1
      ? [
          {
            id: "filter-category",
            name: "categorie",
            label: t("moderation.category"),
            defaultValue: filters.category,
            options: edition.categories.map((c) => ({ value: c.slug, label: c.name })),
          },
        ]
      : []),
  ];
  return (
    <>
      <Heading1>{t("moderation.title", { edition: edition.name })}</Heading1>
      <Paragraph>{t("moderation.intro")}</Paragraph>
      <FilterForm label={t("moderation.filters")} submit={t("moderation.filter")}>
        {filterSelects.map((f) => (
          <FilterSelect key={f.id} {...f} any={t("moderation.any")} />
        ))}
      </FilterForm>
      <Paragraph role="status">{t("moderation.count", { count: total })}</Paragraph>
      <HeadedTable headers={COLUMNS.map((c) => t(`moderation.${c}`))}>
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
