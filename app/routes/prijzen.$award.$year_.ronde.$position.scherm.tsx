import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { projectorState, type ProjectorState } from "~/modules/voting/live.server";
import { loadVotingRound, roundName } from "~/modules/voting/round.server";
import { streamAccess } from "~/modules/voting/stream.server";
import ballotCss from "~/styles/ballot.css";

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const round = await loadVotingRound(db, edition.id, params.position);
  const shortUrl = round.short_code ? `${config().origin.replace(/^https?:\/\//, "")}/l/${round.short_code}` : null;
  const key = new URL(request.url).searchParams.get("sleutel");
  // Whether this screen may follow the round now (ADR 0021): the organizer's screen always, anyone
  // once the vote has opened. A screen that may not yet checks again by itself now and then.
  const access = await streamAccess(db, { round, awardId: edition.awardId, user: context.user, key });
  const stream = `/prijzen/${edition.awardSlug}/${edition.year}/ronde/${round.position}/stroom`;
  return {
    name: roundName(round, context.locale),
    edition: edition.name,
    shortCode: round.short_code,
    shortUrl,
    streamable: access.ok,
    // The key travels on to the stream only when it is the round's key (so a wrong one is not repeated).
    stream: access.ok && access.value === "reserved" && key ? `${stream}?sleutel=${encodeURIComponent(key)}` : stream,
    live: await projectorState(db, round, edition.categories, context.locale),
  };
}

/**
 * The screen for the room: outside the edition layout (`$year_`, no tabs) and, by this handle, rendered by
 * root without header, footer and notices.
 */
/** The result sizes the stylesheet knows (ballot.css, .lauwer-screen__results[data-lines]). */
const LINE_STEPS = [5, 8, 12, 18, 26, 40] as const;

export const handle = { chromeless: true };

/** How often a screen that may not follow the stream yet loads its data again. */
const POLL_MS = 10_000;
/** The least time before a refused stream is tried again (up to twice this, spread over the screens). */
const RETRY_MS = 15_000;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.name} — ${data.edition} — Lauwer` : "Lauwer" }];

/** The room's screen: large type, high contrast; results arrive live over server-sent events once revealed. */
export default function Projector() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // The newest of the two wins: an update from the stream, or the page's data loaded again.
  const [streamed, setLive] = useState<ProjectorState | null>(null);
  const [loaded, setLoaded] = useState(d.live);
  if (loaded !== d.live) {
    setLoaded(d.live);
    setLive(null);
  }
  const live = streamed ?? d.live;
  const { revalidate } = useRevalidator();
  const loadedState = useRef(d.live.state);
  useEffect(() => {
    loadedState.current = d.live.state;
  }, [d.live.state]);
  // A new try at the stream after it was refused.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!d.streamable) {
      // Not to be followed yet (the vote has not opened): load the page's data again now and then,
      // until it may; no connection is held meanwhile.
      const poll = setInterval(() => revalidate(), POLL_MS);
      return () => clearInterval(poll);
    }
    const source = new EventSource(d.stream);
    let again: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("state", (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as ProjectorState;
      setLive(next);
      // The short link and its QR code come with the page's data and exist only once the vote opens:
      // a screen put up before that reloads its data when the state moves on.
      if (next.state !== loadedState.current) revalidate();
    });
    source.addEventListener("error", () => {
      // When the server ends a stream (idle, or the process stops) the browser reconnects by itself,
      // after the retry time the stream sent. A refused reconnect (too many screens) ends it for good:
      // load the data again and try the stream later.
      if (source.readyState !== EventSource.CLOSED) return;
      revalidate();
      again = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS + Math.floor(Math.random() * RETRY_MS));
    });
    return () => {
      clearTimeout(again);
      source.close();
    };
  }, [d.stream, d.streamable, revalidate, attempt]);
  const showJoin = Boolean(d.shortCode) && live.state !== "closed";
  // How many lines the results take, so the type shrinks to keep every row on one screen.
  const lines = (live.results ?? []).reduce((n, r) => n + r.rows.length + 1.3, 0);
  // (A class, not a style attribute: the CSP allows no inline styles.)
  const fit = LINE_STEPS.find((n) => lines <= n) ?? LINE_STEPS[LINE_STEPS.length - 1]!;
  const layout = showJoin && live.results ? "both" : showJoin ? "join-only" : "results-only";
  return (
    <section className="lauwer-screen" aria-labelledby="projector-heading">
      <header className="lauwer-screen__head">
        <div>
          <p className="lauwer-screen__edition">{d.edition}</p>
          <h1 id="projector-heading" className="lauwer-screen__title">
            {d.name}
          </h1>
        </div>
        <p aria-live="polite" data-testid="projector-state" className="lauwer-screen__state">
          {t(`voting.state.${live.state}`)}
        </p>
      </header>
      <div className={`lauwer-screen__body lauwer-screen__body--${layout}`}>
        {showJoin ? (
          <div className="lauwer-screen__join">
            <img src={`/l/${d.shortCode}/qr`} alt={t("voting.qrAlt", { url: d.shortUrl })} className="lauwer-screen__qr" />
            <div>
              <p>{t("ballot.screenScan")}</p>
              <p className="lauwer-screen__url">{d.shortUrl}</p>
            </div>
          </div>
        ) : null}
        <div aria-live="polite" className="lauwer-screen__results" data-testid="projector-area" data-lines={fit}>
          {live.results ? (
            live.results.map((r) => {
              const top = Math.max(1, ...r.rows.map((row) => row.votes));
              return (
                <div key={r.name}>
                  <h2>
                    {r.name} — {t("voting.ballotsCount", { count: r.ballots })}
                  </h2>
                  <ol className="lauwer-screen__list" data-testid="projector-results">
                    {r.rows.map((row) => (
                      <li key={row.id} className="lauwer-screen__row">
                        <span>{row.name}</span>
                        <strong>{t("voting.votesCount", { count: row.votes })}</strong>
                        <svg
                          className="lauwer-screen__bar"
                          viewBox="0 0 100 10"
                          preserveAspectRatio="none"
                          aria-hidden="true"
                          focusable="false"
                        >
                          <rect x="0" y="0" height="10" width={Math.round((row.votes / top) * 100)} />
                        </svg>
                      </li>
                    ))}
                  </ol>
                </div>
              );
            })
          ) : (
            <p className="lauwer-screen__waiting">{t("voting.projectorWaiting")}</p>
          )}
        </div>
      </div>
    </section>
  );
}
