import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { Heading2, Paragraph } from "~/components/nlds";

/**
 * Look-alikes of a name while it is typed: `${base}/suggesties?naam=…` is fetched once typing pauses
 * (300 ms), from three characters on; fewer characters show none.
 */
export function useSuggestions<T>(base: string, name: string): T[] {
  const fetcher = useFetcher<{ suggestions: T[] }>();
  const { load } = fetcher;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (name.trim().length < 3) return;
    timer.current = setTimeout(() => void load(`${base}/suggesties?naam=${encodeURIComponent(name)}`), 300);
    return () => clearTimeout(timer.current);
  }, [name, base, load]);
  return name.trim().length >= 3 ? ((fetcher.data?.suggestions as T[] | undefined) ?? []) : [];
}

/** The look-alikes shown in a form: a heading, a line of advice, and one list item each. */
export function SuggestionsSection({ id, heading, intro, children }: { id: string; heading: string; intro: string; children: ReactNode }) {
  return (
    <section className="lauwer-suggestions" aria-labelledby={id}>
      <Heading2 id={id}>{heading}</Heading2>
      <Paragraph>{intro}</Paragraph>
      <ul>{children}</ul>
    </section>
  );
}
