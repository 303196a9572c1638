import { useEffect, useState, type ReactNode } from "react";
import { Heading2, Paragraph } from "~/components/nlds";

/**
 * Look-alikes of a name while it is typed: `${base}/suggesties?naam=…` is fetched once typing pauses
 * (300 ms), from three characters on; fewer characters show none.
 *
 * A plain fetch that this hook owns, not a router fetcher: the router aborts in-flight fetcher loads
 * when the form is sent (and reloads them after every action), and that abort surfaced as an uncaught
 * AbortError in the page. Here typing on, leaving the page or sending the form just cancels the request;
 * a failed request shows no look-alikes, which are advice only.
 */
export function useSuggestions<T>(base: string, name: string): T[] {
  const [suggestions, setSuggestions] = useState<T[]>([]);
  const long = name.trim().length >= 3;
  useEffect(() => {
    if (!long) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`${base}/suggesties?naam=${encodeURIComponent(name)}`, { signal: controller.signal, headers: { accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: T[] }>) : null))
        .then((body) => {
          if (body && !controller.signal.aborted) setSuggestions(body.suggestions);
        })
        .catch(() => undefined);
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [name, base, long]);
  return long ? suggestions : [];
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
