import "~/i18n/page-texts/privacy-requests";
import "~/i18n/page-texts/privacy-people";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, SelectField, SubmitButton, TextField, useAppForm } from "~/components/form";
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  HeadedTable,
  Paragraph,
  SelectOption,
  TableCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import type { AccessReport } from "../access-report";
import { isEmptyReport, nomineeFields, reportLines } from "../access-report";
import {
  REQUEST_KINDS,
  REQUEST_OUTCOMES,
  RegisterRequestSchema,
  RequestCloseSchema,
  RequestObjectSchema,
  todayInAmsterdam,
  type PrivacyRequestOf,
  type RegisterRequestInput,
  type RequestKind,
  type RequestOutcome,
} from "../requests.schema";

/** A request as a page shows it (times as ISO strings: they cross the loader). */
export type RequestView = PrivacyRequestOf<string>;

/** A request as its loader sends it. */
export function requestView(r: PrivacyRequestOf<Date>): RequestView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return { ...r, exportedAt: iso(r.exportedAt), erasedAt: iso(r.erasedAt), objectedAt: iso(r.objectedAt), closedAt: iso(r.closedAt) };
}

/** A register day (yyyy-mm-dd) as people read it: noon UTC is the same calendar day in Amsterdam. */
function useDay() {
  const date = useDateFormat();
  return (day: string) => date(`${day}T12:00:00Z`);
}

/** How long until the answer is due, or how late it is. */
export function DueLabel({ r }: { r: Pick<RequestView, "daysLeft" | "overdue"> }) {
  const { t } = useTranslation();
  if (r.overdue) return <strong className="lauwer-overdue">{t("privacyRequests.overdueBy", { count: -r.daysLeft })}</strong>;
  return <>{r.daysLeft === 0 ? t("privacyRequests.dueToday") : t("privacyRequests.daysLeft", { count: r.daysLeft })}</>;
}

/** The open requests, due first; each links to where it is handled. */
export function OpenRequestsTable({ requests }: { requests: RequestView[] }) {
  const { t } = useTranslation();
  const day = useDay();
  return (
    <HeadedTable
      labelledBy="open-heading"
      headers={[
        t("privacyRequests.columns.kind"),
        t("privacyRequests.columns.person"),
        t("privacyRequests.columns.received"),
        t("privacyRequests.columns.due"),
      ]}
    >
      {requests.map((r) => (
        <TableRow key={r.id}>
          <TableCell>
            <Link to={`/beheer/privacy/verzoeken/${r.id}`}>{t(`privacyRequests.kinds.${r.kind}`)}</Link>
          </TableCell>
          <TableCell>
            {r.name || t("privacyRequests.anonymous")}
            <br />
            {r.email}
          </TableCell>
          <TableCell>{day(r.receivedOn)}</TableCell>
          <TableCell>
            {day(r.dueOn)} (<DueLabel r={r} />)
          </TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}

/** Closed requests: what was asked, when, and how it ended (no names: they left the register). */
export function ClosedRequestsTable({ requests }: { requests: RequestView[] }) {
  const { t } = useTranslation();
  const day = useDay();
  const date = useDateFormat();
  return (
    <HeadedTable
      labelledBy="closed-heading"
      headers={[
        t("privacyRequests.columns.kind"),
        t("privacyRequests.columns.received"),
        t("privacyRequests.columns.closed"),
        t("privacyRequests.columns.outcome"),
      ]}
    >
      {requests.map((r) => (
        <TableRow key={r.id}>
          <TableCell>
            <Link to={`/beheer/privacy/verzoeken/${r.id}`}>{t(`privacyRequests.kinds.${r.kind}`)}</Link>
          </TableCell>
          <TableCell>{day(r.receivedOn)}</TableCell>
          <TableCell>{r.closedAt ? date(r.closedAt) : ""}</TableCell>
          <TableCell>{r.outcome ? t(`privacyRequests.outcomes.${r.outcome}`) : ""}</TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}

/** Registering a request received by mail, post or phone. */
export function RegisterRequestForm({ locale }: { locale: "nl" | "en" }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, errors, failure, busy } = useAppForm<RegisterRequestInput>(RegisterRequestSchema, {
    kind: "" as RequestKind,
    receivedOn: todayInAmsterdam(),
    name: "",
    email: "",
    locale,
  });
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <SelectField name="kind" label={t("privacyRequests.fields.kind")} registration={register("kind")} error={errorOf("kind")}>
          <SelectOption value="">{t("privacyRequests.fields.kindChoose")}</SelectOption>
          {REQUEST_KINDS.map((k) => (
            <SelectOption key={k} value={k}>
              {t(`privacyRequests.kinds.${k}`)}
            </SelectOption>
          ))}
        </SelectField>
        <TextField
          name="receivedOn"
          type="date"
          label={t("privacyRequests.fields.receivedOn")}
          description={t("privacyRequests.fields.receivedOnHint")}
          registration={register("receivedOn")}
          error={errorOf("receivedOn")}
        />
        <TextField
          name="name"
          label={t("privacyRequests.fields.name")}
          description={t("privacyRequests.fields.nameHint")}
          autoComplete="off"
          optionalLabel={t("fields.optional")}
          registration={register("name")}
          error={errorOf("name")}
        />
        <TextField
          name="email"
          type="email"
          autoComplete="off"
          label={t("privacyRequests.fields.email")}
          description={t("privacyRequests.fields.emailHint")}
          registration={register("email")}
          error={errorOf("email")}
        />
        <SelectField name="locale" label={t("privacyRequests.fields.locale")} registration={register("locale")} error={errorOf("locale")}>
          {(["nl", "en"] as const).map((l) => (
            <SelectOption key={l} value={l}>
              {t(`privacyRequests.locales.${l}`)}
            </SelectOption>
          ))}
        </SelectField>
        <SubmitButton busy={busy}>{t("privacyRequests.register")}</SubmitButton>
      </Form>
    </>
  );
}

/** The request's own facts: from whom, when, due when, and what has been done. */
export function RequestFacts({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const day = useDay();
  const date = useDateFormat();
  const done = (at: string | null) => (at ? date(at) : t("privacyRequests.request.not"));
  return (
    <DataList aria-label={t("privacyRequests.request.facts")}>
      {r.status === "open" ? (
        <DataListItem>
          <DataListKey>{t("privacyRequests.request.from")}</DataListKey>
          <DataListValue>
            {r.name || t("privacyRequests.anonymous")} ({r.email})
          </DataListValue>
        </DataListItem>
      ) : null}
      <DataListItem>
        <DataListKey>{t("privacyRequests.request.received")}</DataListKey>
        <DataListValue>{day(r.receivedOn)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("privacyRequests.request.due")}</DataListKey>
        <DataListValue>
          {day(r.dueOn)}
          {r.status === "open" ? (
            <>
              {" "}
              (<DueLabel r={r} />)
            </>
          ) : null}
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("privacyRequests.request.exported")}</DataListKey>
        <DataListValue>{done(r.exportedAt)}</DataListValue>
      </DataListItem>
      {r.kind === "erasure" || r.erasedAt ? (
        <DataListItem>
          <DataListKey>{t("privacyRequests.request.erased")}</DataListKey>
          <DataListValue>{done(r.erasedAt)}</DataListValue>
        </DataListItem>
      ) : null}
      {r.kind === "objection" || r.objectedAt ? (
        <DataListItem>
          <DataListKey>{t("privacyRequests.request.objected")}</DataListKey>
          <DataListValue>{done(r.objectedAt)}</DataListValue>
        </DataListItem>
      ) : null}
    </DataList>
  );
}

/** Stopping all processing of the person (art. 21), after a confirmation. */
export function ObjectForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, errors, failure, busy } = useAppForm<{ formId?: string; confirm: string }>(
    RequestObjectSchema,
    { formId: "object" },
    "object",
  );
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action="?intent=object" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("formId")} />
        <CheckboxField
          name="confirm"
          label={t("privacyRequests.request.objectConfirm")}
          registration={register("confirm")}
          error={errorOf("confirm")}
        />
        <SubmitButton busy={busy}>{t("privacyRequests.request.object")}</SubmitButton>
      </Form>
    </>
  );
}

/** The outcome the request most likely ends with, given what was done. */
function likelyOutcome(r: RequestView): RequestOutcome {
  if (r.erasedAt) return "erased";
  if (r.objectedAt) return "objected";
  if (r.kind === "rectification") return "rectified";
  return "answered";
}

/** Closing the request: the outcome; the answer goes by mail. */
export function CloseForm({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, errors, failure, busy } = useAppForm<{ formId?: string; outcome: RequestOutcome }>(
    RequestCloseSchema,
    { formId: "close", outcome: likelyOutcome(r) },
    "close",
  );
  return (
    <>
      <Paragraph>
        {t("privacyRequests.request.closeIntro", {
          email: r.email ?? "",
          language: t(`privacyRequests.locales.${r.locale}`),
        })}
      </Paragraph>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action="?intent=close" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("formId")} />
        <SelectField
          name="outcome"
          label={t("privacyRequests.fields.outcome")}
          registration={register("outcome")}
          error={errorOf("outcome")}
        >
          {REQUEST_OUTCOMES.map((o) => (
            <SelectOption key={o} value={o}>
              {t(`privacyRequests.outcomes.${o}`)}
            </SelectOption>
          ))}
        </SelectField>
        <SubmitButton busy={busy}>{t("privacyRequests.request.close")}</SubmitButton>
      </Form>
    </>
  );
}

/** What Lauwer holds about the person, readable (art. 15): the same report as the download and the answer. */
export function AccessReportView({ report }: { report: AccessReport }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  if (isEmptyReport(report)) return <Paragraph>{t("privacyRequests.report.nothing")}</Paragraph>;
  const lines = reportLines(report, t, date);
  const list = (key: keyof typeof lines) =>
    lines[key].length ? (
      <section aria-labelledby={`report-${key}`}>
        <Heading2 id={`report-${key}`}>{t(`privacyRequests.report.${key}`)}</Heading2>
        <UnorderedList>
          {lines[key].map((item, i) => (
            <UnorderedListItem key={i}>{item}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
    ) : null;
  return (
    <>
      {list("accounts")}
      {report.nominees.length ? (
        <section aria-labelledby="report-nominees">
          <Heading2 id="report-nominees">{t("privacyRequests.report.nominees")}</Heading2>
          {report.nominees.map((n, i) => (
            <section key={i} aria-label={`${n.award} ${n.year}`}>
              <h3 className="utrecht-heading-3">
                {t("privacyRequests.report.nomineeLine", {
                  award: n.award,
                  year: n.year,
                  category: n.category,
                  name: n.name,
                  status: n.status,
                })}
              </h3>
              <DataList>
                {nomineeFields(n).map(([k, v], j) => (
                  <DataListItem key={j}>
                    <DataListKey>{t(`privacyRequests.report.${k}`)}</DataListKey>
                    <DataListValue>{v}</DataListValue>
                  </DataListItem>
                ))}
              </DataList>
            </section>
          ))}
        </section>
      ) : null}
      {list("references")}
      {list("invitations")}
      {list("portrayed")}
      {list("mentions")}
      {list("mails")}
    </>
  );
}
