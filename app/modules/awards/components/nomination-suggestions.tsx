import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { SuggestionsSection, useSuggestions } from "~/components/suggestions";
import { useEdition } from "./use-edition";

/** A public candidate whose name looks like the typed one (from the edition's suggesties route). */
export interface NomineeSuggestion {
  id: string;
  name: string;
  organisation: string;
  category: string;
}

/** Candidates that look like the typed name, so the member can support instead of duplicating. */
export function NominationSuggestions({ name }: { name: string }) {
  const { t } = useTranslation();
  const edition = useEdition();
  const base = `/prijzen/${edition.awardSlug}/${edition.year}`;
  const suggestions = useSuggestions<NomineeSuggestion>(base, name);
  return (
    <div aria-live="polite">
      {suggestions.length ? (
        <SuggestionsSection id="suggestions-heading" heading={t("nominate.suggestionsHeading")} intro={t("nominate.suggestionsIntro")}>
          {suggestions.map((s) => (
            <li key={s.id}>
              {s.name}
              {s.organisation ? ` (${s.organisation})` : ""}, {s.category} —{" "}
              <AppLink to={`${base}/kandidaten/${s.id}/steunen`}>{t("nominate.support", { name: s.name })}</AppLink>
            </li>
          ))}
        </SuggestionsSection>
      ) : null}
    </div>
  );
}
