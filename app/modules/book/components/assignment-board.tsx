import "~/i18n/page-texts/departed";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  Button,
  FormField,
  FormLabel,
  HeadedTable,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  TableCell,
  TableRow,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import type { Rank } from "../matching";

// The editors' assignment board: the assistant's suggestion and one row per selected portrait.

export interface SuggestionView {
  fingerprint: string;
  byRank: Record<Rank, number>;
  pairs: Array<{ proposalId: string; userId: string; rank: Rank; portrait: string; author: string }>;
  unclaimed: string[];
  unmatched: string[];
  authorsAtCap: string[];
}

export interface BoardPortrait {
  id: string;
  name: string;
  serviceFrom: number;
  serviceTo: number;
  theme: string;
  /** Null id and name: a finished portrait whose author deleted their account. */
  author: { id: string | null; name: string | null; status: string; dueAt: string | null; hasText: boolean } | null;
  hasText: boolean;
  claims: Array<{ userId: string; name: string; rank: Rank; motivation: string; remaining: number }>;
}

export interface BoardAuthor {
  userId: string;
  name: string;
  remaining: number;
}

/** The assistant's suggestion with the button that applies it as shown (its fingerprint). */
export function AssignmentSuggestion({ suggestion: s }: { suggestion: SuggestionView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="suggestion-heading" className="lauwer-bw-card">
      <Heading2 id="suggestion-heading">{t("bookWriting.assign.suggestionHeading")}</Heading2>
      <Paragraph>{t("bookWriting.assign.suggestionHow")}</Paragraph>
      {s.pairs.length === 0 ? (
        <Paragraph>{t("bookWriting.assign.suggestionEmpty")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t("bookWriting.assign.suggestionSummary", { count: s.pairs.length })}{" "}
            {t("bookWriting.assign.suggestionRanks", { first: s.byRank[1], second: s.byRank[2], third: s.byRank[3] })}
          </Paragraph>
          <HeadedTable headers={[t("bookWriting.subject"), t("bookWriting.assign.author"), t("bookWriting.assign.choice")]}>
            {s.pairs.map((p) => (
              <TableRow key={p.proposalId}>
                <TableCell>{p.portrait}</TableCell>
                <TableCell>{p.author}</TableCell>
                <TableCell>{t(`bookWriting.rank.${p.rank}`)}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        </>
      )}
      {s.unmatched.length ? (
        <Paragraph>{t("bookWriting.assign.unmatched", { names: s.unmatched.join(", "), count: s.unmatched.length })}</Paragraph>
      ) : null}
      {s.unclaimed.length ? (
        <Paragraph>{t("bookWriting.assign.unclaimed", { names: s.unclaimed.join(", "), count: s.unclaimed.length })}</Paragraph>
      ) : null}
      {s.authorsAtCap.length ? (
        <Paragraph>{t("bookWriting.assign.atCap", { names: s.authorsAtCap.join(", "), count: s.authorsAtCap.length })}</Paragraph>
      ) : null}
      {s.pairs.length ? (
        <Form method="post" action="?intent=apply">
          <input type="hidden" name="fingerprint" value={s.fingerprint} />
          <Button type="submit" appearance="primary-action-button">
            {t("bookWriting.assign.apply", { count: s.pairs.length })}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

/** One selected portrait: its claimants and its author (with unassign), or the form that assigns one. */
export function PortraitRow({ portrait: p, authors, defaultDue }: { portrait: BoardPortrait; authors: BoardAuthor[]; defaultDue: string }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const claimants = new Set(p.claims.map((c) => c.userId));
  const others = authors.filter((a) => a.remaining > 0 && !claimants.has(a.userId));
  const id = p.id.slice(0, 8);
  return (
    <TableRow>
      <TableCell>
        {p.name}
        <div>
          {p.serviceFrom}–{p.serviceTo}, {p.theme}
        </div>
      </TableCell>
      <TableCell>
        {p.claims.length === 0 ? (
          t("bookWriting.assign.noClaimants")
        ) : (
          <UnorderedList>
            {p.claims.map((c) => (
              <UnorderedListItem key={c.userId}>
                {t(`bookWriting.rank.${c.rank}`)}: {c.name} ({t("bookWriting.assign.room", { count: c.remaining })})
                <details>
                  <summary>{t("bookWriting.assign.motivation")}</summary>
                  <p className="lauwer-bw-prewrap">{c.motivation}</p>
                </details>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </TableCell>
      <TableCell>
        {p.author ? (
          <>
            <div>{p.author.name ?? t("departed.member")}</div>
            <div>
              {t(`bookWriting.status.${p.author.status}`)}, {t("bookWriting.dueOn", { date: date(p.author.dueAt, t("bookWriting.noDue")) })}
            </div>
            {p.author.status === "assigned" && !p.author.hasText ? (
              <Form method="post" action="?intent=unassign">
                <input type="hidden" name="proposalId" value={p.id} />
                <Button
                  type="submit"
                  appearance="secondary-action-button"
                  aria-label={t("bookWriting.assign.unassignLabel", { name: p.name })}
                >
                  {t("bookWriting.assign.unassign")}
                </Button>
              </Form>
            ) : null}
          </>
        ) : (
          <Form method="post" action="?intent=assign" className="lauwer-bw-assign">
            {p.hasText ? <Paragraph>{t("departed.textKept")}</Paragraph> : null}
            <input type="hidden" name="proposalId" value={p.id} />
            <FormField type="text">
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor={`author-${id}`}>{t("bookWriting.assign.authorFor", { name: p.name })}</FormLabel>
              </div>
              <Select id={`author-${id}`} name="userId" defaultValue="">
                <SelectOption value="">{t("bookWriting.assign.chooseAuthor")}</SelectOption>
                {p.claims.length ? (
                  <optgroup label={t("bookWriting.assign.claimantsGroup")}>
                    {p.claims.map((c) => (
                      <SelectOption key={c.userId} value={c.userId} disabled={c.remaining === 0}>
                        {c.name} — {t(`bookWriting.rank.${c.rank}`)} ({t("bookWriting.assign.room", { count: c.remaining })})
                      </SelectOption>
                    ))}
                  </optgroup>
                ) : null}
                {others.length ? (
                  <optgroup label={t("bookWriting.assign.othersGroup")}>
                    {others.map((a) => (
                      <SelectOption key={a.userId} value={a.userId}>
                        {a.name} ({t("bookWriting.assign.room", { count: a.remaining })})
                      </SelectOption>
                    ))}
                  </optgroup>
                ) : null}
              </Select>
            </FormField>
            <FormField type="text">
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor={`due-${id}`}>
                  {t("bookWriting.assign.due")}
                  <span className="lauwer-bw-hidden"> {t("bookWriting.assign.portraitOf", { name: p.name })}</span>
                </FormLabel>
              </div>
              <Textbox id={`due-${id}`} type="datetime-local" name="dueAt" defaultValue={defaultDue} />
            </FormField>
            <Button type="submit" appearance="secondary-action-button" aria-label={t("bookWriting.assign.assignLabel", { name: p.name })}>
              {t("bookWriting.assign.assign")}
            </Button>
          </Form>
        )}
      </TableCell>
    </TableRow>
  );
}
