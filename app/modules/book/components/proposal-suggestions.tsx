import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { SuggestionsSection, useSuggestions } from "~/components/suggestions";
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
  const live = useSuggestions<SuggestionItem>(base, name);
  const seen = new Set<string>();
  const suggestions = [...live, ...serverMatches].filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
  // Only the count is announced (a small live region); the list itself is not re-read on every change.
  return (
    <div>
      <p role="status" className="lauwer-bw-hidden">
        {suggestions.length ? t("bookProposals.propose.matchesCount", { count: suggestions.length }) : ""}
      </p>
      {suggestions.length ? (
        <SuggestionsSection
          id="proposal-matches-heading"
          heading={t("bookProposals.propose.matchesHeading")}
          intro={t("bookProposals.propose.matchesIntro")}
        >
          {suggestions.map((s) => (
            <li key={s.id}>
              {s.name} ({lifeYears(t, s.birthYear, s.deathYear)}), {s.organisation} —{" "}
              <AppLink to={`${base}/${s.id}`}>{t("bookProposals.propose.endorseInstead", { name: s.name })}</AppLink>
            </li>
          ))}
        </SuggestionsSection>
      ) : null}
    </div>
  );
}
