import "~/i18n/page-texts/organizer";
import { DownloadLinks } from "~/components/download-links";
import { downloadFile } from "~/modules/exports/downloads";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { useDateFormat } from "~/lib/locale";
import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "~/components/nlds";
import type { AuditRowView } from "../audit-log.server";
import { AuditEntity, AuditWords, useActionLabel } from "./audit-words-view";
import { FILTER_PARAMS, filterQuery, type AuditFilters, type FilterErrors, type FilterName } from "../audit-filters";

export interface AuditLogViewData {
  /** The page's own path; the form, pagination and export links build on it. */
  base: string;
  filters: AuditFilters;
  errors: FilterErrors;
  invalid: boolean;
  page: number;
  pages: number;
  total: number;
  options: { actions: string[]; entityTypes: string[] };
  formats: string[];
  rows: AuditRowView[];
}

/** What a filter is typed in: a text box of a kind, or a list of the values present (plus the one asked for). */
type FieldInput =
  { kind: "search" | "text" | "date" } | { kind: "select"; any: string; options: string[]; label?: (value: string) => string };

/** One filter with its hint and its own error (an invalid filter is shown on its field). */
function Field({
  name,
  label,
  hint,
  error,
  value,
  input,
}: {
  name: FilterName;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  input: FieldInput;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `audit-${name}-hint` : null, error ? `audit-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id: `audit-${name}`,
    name: FILTER_PARAMS[name],
    defaultValue: value,
    invalid: Boolean(error),
    "aria-describedby": describedBy,
  };
  return (
    <FormField type="text" invalid={Boolean(error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={`audit-${name}`}>{label}</FormLabel>
      </div>
      {hint ? <FormFieldDescription id={`audit-${name}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`audit-${name}-error`}>{t(error)}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        {input.kind === "select" ? (
          <Select {...common}>
            <SelectOption value="">{input.any}</SelectOption>
            {(value && !input.options.includes(value) ? [value, ...input.options] : input.options).map((o) => (
              <SelectOption key={o} value={o}>
                {input.label ? input.label(o) : o}
              </SelectOption>
            ))}
          </Select>
        ) : (
          <Textbox {...common} type={input.kind === "text" ? undefined : input.kind} />
        )}
      </div>
    </FormField>
  );
}

/** The audit log with filters (a GET form, no JavaScript needed), pagination and export links. */
export function AuditLogView({ title, intro, data }: { title: string; intro?: React.ReactNode; data: AuditLogViewData }) {
  const { t } = useTranslation();
  // To the minute, in Amsterdam time (the exports keep the seconds).
  const time = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  const actionLabel = useActionLabel();
  const { filters, errors } = data;
  const entityLabel = (type: string) => t(`auditLog.entityTypes.${type}`, { defaultValue: type });
  const query = filterQuery(filters);
  const value = (v: string | null) => v ?? t("auditLog.empty");
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>{t("auditLog.intro")}</Paragraph>
      {intro}
      {data.invalid ? (
        <Alert type="error">
          <Paragraph>{t("auditLog.invalidFilters")}</Paragraph>
        </Alert>
      ) : null}
      <Form method="get" action={data.base} role="search" aria-label={t("auditLog.filters")} className="lauwer-search">
        <Field
          name="actor"
          label={t("auditLog.actor")}
          hint={t("auditLog.actorHint")}
          error={errors.actor}
          value={filters.actor}
          input={{ kind: "search" }}
        />
        <Field
          name="action"
          label={t("auditLog.action")}
          error={errors.action}
          value={filters.action}
          input={{ kind: "select", any: t("auditLog.allActions"), options: data.options.actions, label: actionLabel }}
        />
        <Field
          name="entityType"
          label={t("auditLog.entityType")}
          error={errors.entityType}
          value={filters.entityType}
          input={{ kind: "select", any: t("auditLog.allEntityTypes"), options: data.options.entityTypes, label: entityLabel }}
        />
        <Field name="entityId" label={t("auditLog.entityId")} error={errors.entityId} value={filters.entityId} input={{ kind: "text" }} />
        {(["from", "to"] as const).map((name) => (
          <Field
            key={name}
            name={name}
            label={t(`auditLog.${name}`)}
            hint={t("auditLog.dateHint")}
            error={errors[name]}
            value={filters[name]}
            input={{ kind: "date" }}
          />
        ))}
        <div>
          <Button type="submit" appearance="secondary-action-button">
            {t("auditLog.filter")}
          </Button>{" "}
          <Link className="utrecht-link" to={data.base}>
            {t("auditLog.reset")}
          </Link>
        </div>
      </Form>
      <Paragraph role="status">{data.total === 0 ? t("auditLog.none") : t("auditLog.count", { count: data.total })}</Paragraph>
      {data.rows.length > 0 ? (
        // A wide table scrolls sideways: the region is focusable so keyboard users can scroll it too (WCAG 2.1.1).
        <div className="lauwer-table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <Table>
            <caption id="audit-caption">{t("auditLog.caption")}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("auditLog.columns.at")}</TableHeaderCell>
                <TableHeaderCell>{t("auditLog.columns.actor")}</TableHeaderCell>
                <TableHeaderCell>{t("auditLog.columns.action")}</TableHeaderCell>
                <TableHeaderCell>{t("auditLog.columns.entity")}</TableHeaderCell>
                <TableHeaderCell>{t("auditLog.columns.changes")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={r.id} data-audit-id={r.id}>
                  <TableCell>
                    <time dateTime={r.at}>{time(r.at)}</time>
                  </TableCell>
                  <TableCell>
                    {r.hasActor ? (r.actorName ?? t("auditLog.unknownActor")) : t("auditLog.system")}
                    {r.actorEmail ? <div>{r.actorEmail}</div> : null}
                  </TableCell>
                  <TableCell>{actionLabel(r.action)}</TableCell>
                  <TableCell>
                    <AuditEntity type={r.entityType} entity={r.entity} hasId={r.entityId !== null} />
                  </TableCell>
                  <TableCell>
                    <AuditWords changes={r.words} />
                    <details className="lauwer-audit-details">
                      <summary>{t("organizer.audit.details")}</summary>
                      <dl>
                        <dt>{t("organizer.audit.code")}</dt>
                        <dd>
                          <code>{r.action}</code>
                        </dd>
                        {r.entityId ? (
                          <>
                            <dt>{t("auditLog.entityId")}</dt>
                            <dd>
                              <code>{r.entityId}</code>
                            </dd>
                          </>
                        ) : null}
                        <dt>{t("organizer.audit.stored")}</dt>
                        <dd>
                          {r.changes.length === 0 ? (
                            t("auditLog.noChanges")
                          ) : (
                            <ul className="lauwer-audit-changes">
                              {r.changes.map((c) => (
                                <li key={c.key}>
                                  <code>
                                    {c.key
                                      ? t("auditLog.changed", { key: c.key, before: value(c.before), after: value(c.after) })
                                      : t("auditLog.valueChanged", { before: value(c.before), after: value(c.after) })}
                                  </code>
                                </li>
                              ))}
                            </ul>
                          )}
                        </dd>
                      </dl>
                    </details>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      <Pagination page={data.page} pages={data.pages} href={(p) => `${data.base}${filterQuery(filters, p)}`} />
      <section aria-labelledby="audit-export">
        <Heading2 id="audit-export">{t("auditLog.exportHeading")}</Heading2>
        <Paragraph>{t("auditLog.exportIntro")}</Paragraph>
        <Paragraph>
          <DownloadLinks
            formats={data.formats}
            href={(format) => `${data.base}/${downloadFile("auditlog", format)}${query}`}
            label={(format) => (format === "csv-nl" ? t("csv.formatNl") : t(`auditLog.formats.${format}`))}
            ariaLabel={(format) =>
              t("auditLog.exportAs", { format: format === "csv-nl" ? t("csv.formatNl") : t(`auditLog.formats.${format}`) })
            }
          />
        </Paragraph>
        <Paragraph>{t("csv.help")}</Paragraph>
      </section>
    </>
  );
}
