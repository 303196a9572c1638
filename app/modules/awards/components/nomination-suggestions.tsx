import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading2, Paragraph } from "~/components/nlds";
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
  const fetcher = useFetcher<{ suggestions: NomineeSuggestion[] }>();
  const { load } = fetcher;
  const base = `/prijzen/${edition.awardSlug}/${edition.year}`;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (name.trim().length < 3) return;
    timer.current = setTimeout(() => void load(`${base}/suggesties?naam=${encodeURIComponent(name)}`), 300);
    return () => clearTimeout(timer.current);
  }, [name, base, load]);
  const suggestions = name.trim().length >= 3 ? (fetcher.data?.suggestions ?? []) : [];
  return (
    <div aria-live="polite">
      {suggestions.length ? (
        <section className="lauwer-suggestions" aria-labelledby="suggestions-heading">
          <Heading2 id="suggestions-heading">{t("nominate.suggestionsHeading")}</Heading2>
          <Paragraph>{t("nominate.suggestionsIntro")}</Paragraph>
          <ul>
            {suggestions.map((s) => (
              <li key={s.id}>
                {s.name}
                {s.organisation ? ` (${s.organisation})` : ""}, {s.category} —{" "}
                <AppLink to={`${base}/kandidaten/${s.id}/steunen`}>{t("nominate.support", { name: s.name })}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
