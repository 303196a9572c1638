import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading2, Paragraph } from "~/components/nlds";
import { lifeYears } from "./proposal-years";

export interface SuggestionItem {
  id: string;
  name: string;
  birthYear: number;
  deathYear: number | null;
  organisation: string;
}

/**
 * Existing proposals that look like the typed name, so the member can endorse instead of
 * duplicating. Fetched while typing (debounced); the server's matches of a refused submit (also
 * without JavaScript) are shown the same way.
 */
export function ProposalSuggestions({ base, name, serverMatches }: { base: string; name: string; serverMatches: SuggestionItem[] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ suggestions: SuggestionItem[] }>();
  const { load } = fetcher;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (name.trim().length < 3) return;
    timer.current = setTimeout(() => void load(`${base}/suggesties?naam=${encodeURIComponent(name)}`), 300);
    return () => clearTimeout(timer.current);
  }, [name, base, load]);
  const live = name.trim().length >= 3 ? (fetcher.data?.suggestions ?? []) : [];
  const seen = new Set<string>();
  const suggestions = [...live, ...serverMatches].filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
  // Only the count is announced (a small live region); the list itself is not re-read on every change.
  return (
    <div>
      <p role="status" className="lauwer-bw-hidden">
        {suggestions.length ? t("bookProposals.propose.matchesCount", { count: suggestions.length }) : ""}
      </p>
      {suggestions.length ? (
        <section className="lauwer-suggestions" aria-labelledby="proposal-matches-heading">
          <Heading2 id="proposal-matches-heading">{t("bookProposals.propose.matchesHeading")}</Heading2>
          <Paragraph>{t("bookProposals.propose.matchesIntro")}</Paragraph>
          <ul>
            {suggestions.map((s) => (
              <li key={s.id}>
                {s.name} ({lifeYears(t, s.birthYear, s.deathYear)}), {s.organisation} —{" "}
                <AppLink to={`${base}/${s.id}`}>{t("bookProposals.propose.endorseInstead", { name: s.name })}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
