import "~/i18n/page-texts/organizer";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import {
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Paragraph,
  Textarea,
} from "~/components/nlds";
import { Pagination } from "~/components/pagination";
import type { Db } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { useDateFormat } from "~/lib/locale";
import { getNomineeName } from "~/modules/awards/moderation.server";
import { ReasonSchema } from "~/modules/voting/ballot.schema";
import { BALLOT_PAGE, listBallots, voidTickedBallots, type SignalKind } from "~/modules/voting/fraud.server";
import { requireVoteRoundOrganizer } from "~/modules/voting/guard.server";
import { roundName } from "~/modules/voting/round.server";
import { UUID_RE } from "~/modules/voting/rules";
import organizerCss from "~/styles/organizer.css";

const KINDS: SignalKind[] = ["ip", "network", "newAccounts", "device"];

function filterFrom(url: URL) {
  const kind = url.searchParams.get("signaal") as SignalKind | null;
  const key = (url.searchParams.get("sleutel") ?? "").slice(0, 100);
  const page = Math.min(10_000, Math.max(1, Number.parseInt(url.searchParams.get("pagina") ?? "1", 10) || 1));
  return kind && KINDS.includes(kind) && key ? { kind, key, page } : { page };
}

async function filterLabel(db: Db, editionId: string, filter: ReturnType<typeof filterFrom>) {
  if (!("kind" in filter)) return null;
  if (filter.kind === "device") return filter.key.slice(0, 8);
  if (filter.kind === "newAccounts" && UUID_RE.test(filter.key)) {
    return (await getNomineeName(db, editionId, filter.key)) ?? filter.key;
  }
  return filter.key;
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, edition, round, here } = await requireVoteRoundOrganizer(request, context, params);
  const url = new URL(request.url);
  const filter = filterFrom(url);
  const { rows, total } = await listBallots(db, round.id, filter);
  const voided = Number.parseInt(url.searchParams.get("ongeldig") ?? "", 10);
  return {
    // "Select all on this page" is a link (?alles=1) that ticks every box: no JavaScript needed.
    selectAll: url.searchParams.get("alles") === "1",
    // The number of the page's first ballot, less one (the page size lives in a server module).
    first: (filter.page - 1) * BALLOT_PAGE,
    voidedNow: Number.isFinite(voided) && voided >= 0 ? voided : null,
    // The signal as the round page names it: a candidate's name rather than its id, a device by its short hash.
    filterLabel: await filterLabel(db, edition.id, filter),
    edition: edition.name,
    round: roundName(round, context.locale),
    back: here,
    filter,
    total,
    pages: Math.max(1, Math.ceil(total / BALLOT_PAGE)),
    rows: rows.map((r) => ({ ...r, category: context.locale === "en" ? r.categoryEn : r.categoryNl })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.round} — ${data.edition} — Lauwer` : "Lauwer" }];

const guard = async ({ request, context, params }: ActionFunctionArgs) => ({
  ...(await requireVoteRoundOrganizer(request, context, params)),
  url: new URL(request.url),
});

/** Voids the ticked ballots of this round with a reason (audited); ballots of other rounds are never touched. */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The void form is the page's one form: it posts without an intent.
    "": intent({
      schema: ReasonSchema,
      run: (g, input, { raw }) => voidTickedBallots(g.db, g.actor, g.round.id, raw, input.reason),
      done({ url }, count) {
        url.searchParams.set("ongeldig", String(count));
        url.searchParams.delete("alles");
        return redirectWithNotice(`${url.pathname}?${url.searchParams.toString()}`, "voting.notice.voided");
      },
    }),
  });

export default function Ballots() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  // To the minute, in Amsterdam time.
  const date = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  const first = d.first;
  const reasonError = actionData?.fieldErrors.reason;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // A refused form moves focus to what needs fixing: the reason, else the message above the table.
  useEffect(() => {
    if (!actionData) return;
    if (reasonError) reasonRef.current?.focus();
    else document.getElementById("form-error")?.focus();
  }, [actionData, reasonError]);
  const href = (page: number, all = false) => {
    const p = new URLSearchParams();
    if ("kind" in d.filter && d.filter.kind) {
      p.set("signaal", d.filter.kind);
      p.set("sleutel", d.filter.key ?? "");
    }
    p.set("pagina", String(page));
    if (all) p.set("alles", "1");
    return `?${p.toString()}`;
  };
  const open = d.rows.some((b) => !b.voided);
  return (
    <>
      <Heading1>{t("voting.admin.ballotsTitle", { round: d.round, edition: d.edition })}</Heading1>
      <Paragraph>
        <AppLink to={d.back}>{t("voting.admin.backToRound")}</AppLink>
      </Paragraph>
      <Paragraph>
        {"kind" in d.filter && d.filter.kind
          ? t("voting.admin.filtered", {
              signal: t(`voting.admin.signalKind.${d.filter.kind}`, { label: d.filterLabel ?? d.filter.key }),
              count: d.total,
            })
          : t("voting.admin.allBallots", { count: d.total })}
      </Paragraph>
      <Paragraph>{t("voting.admin.ballotsPrivacy")}</Paragraph>
      {d.voidedNow !== null ? <Paragraph>{t("organizer.ballots.voidedNow", { count: d.voidedNow })}</Paragraph> : null}
      {actionData ? <FormError failure={actionData} /> : null}
      {open ? (
        <Paragraph>
          {d.selectAll ? (
            <AppLink to={href(d.filter.page)} preventScrollReset>
              {t("organizer.ballots.selectNone")}
            </AppLink>
          ) : (
            <AppLink to={href(d.filter.page, true)} preventScrollReset>
              {t("organizer.ballots.selectAll", { count: d.rows.filter((b) => !b.voided).length })}
            </AppLink>
          )}
        </Paragraph>
      ) : null}
      <Form method="post" className="lauwer-form">
        <div className="lauwer-table-wrap" role="region" aria-labelledby="ballots-caption" tabIndex={0}>
          <table className="utrecht-table">
            <caption id="ballots-caption" className="utrecht-table__caption">
              {t("voting.admin.ballots")}
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {[
                  t("organizer.ballots.selectColumn"),
                  t("voting.when"),
                  t("voting.categoryColumn"),
                  t("voting.admin.choices"),
                  "IP",
                  t("voting.admin.device"),
                  t("voting.admin.accountAge"),
                  t("voting.admin.status"),
                ].map((h) => (
                  <th key={h} scope="col" className="utrecht-table__header-cell">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {d.rows.map((b, i) => (
                <tr key={b.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell lauwer-ballot-select-cell">
                    {/* The number names the ballot in its checkbox label ("Selecteer stembiljet 3 …"). */}
                    <span className="lauwer-ballot-number">{first + i + 1}</span>
                    {!b.voided ? (
                      <input
                        type="checkbox"
                        className="lauwer-ballot-select"
                        name={`ballot-${b.id}`}
                        value="on"
                        defaultChecked={d.selectAll}
                        aria-label={t("organizer.ballots.selectBallot", {
                          n: first + i + 1,
                          when: date(b.castAt, ""),
                          choices: b.choices.join(", ") || "—",
                        })}
                      />
                    ) : null}
                  </td>
                  <td className="utrecht-table__cell">
                    <time dateTime={b.castAt}>{date(b.castAt, "")}</time>
                  </td>
                  <td className="utrecht-table__cell">{b.category}</td>
                  <td className="utrecht-table__cell">{b.choices.join(", ")}</td>
                  <td className="utrecht-table__cell">{b.ip ?? "—"}</td>
                  <td className="utrecht-table__cell">{b.device ?? "—"}</td>
                  <td className="utrecht-table__cell">
                    {b.accountAgeHours === null ? "—" : t("voting.admin.hours", { count: b.accountAgeHours })}
                  </td>
                  <td className="utrecht-table__cell">
                    {b.voided ? `${t("voting.voidedShort")}: ${b.voidReason ?? ""}` : t("voting.admin.counted")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FormField type="text" invalid={Boolean(reasonError)}>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="void-reason">{t("voting.admin.reason")}</FormLabel>
          </div>
          <FormFieldDescription id="void-reason-hint">{t("organizer.ballots.reasonHint")}</FormFieldDescription>
          {reasonError ? <FormFieldErrorMessage id="void-reason-error">{t(reasonError)}</FormFieldErrorMessage> : null}
          <div className="utrecht-form-field__input">
            <Textarea
              id="void-reason"
              name="reason"
              rows={2}
              ref={reasonRef}
              invalid={Boolean(reasonError)}
              aria-describedby={reasonError ? "void-reason-hint void-reason-error" : "void-reason-hint"}
              defaultValue={actionData?.values.reason}
            />
          </div>
        </FormField>
        <div>
          <Button type="submit" appearance="primary-action-button">
            {t("voting.admin.void")}
          </Button>
        </div>
      </Form>
      <Pagination page={d.filter.page} pages={d.pages} href={href} />
    </>
  );
}
