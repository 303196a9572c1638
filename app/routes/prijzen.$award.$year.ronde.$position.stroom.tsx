import type { LoaderFunctionArgs } from "@remix-run/node";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { translator } from "~/i18n/i18n";
import type { Refusal } from "~/lib/outcome";
import { loadEdition } from "~/modules/awards/edition.server";
import { projectorState } from "~/modules/voting/live.server";
import { loadVotingRound } from "~/modules/voting/round.server";
import { streamAccess, takeStreamPlace } from "~/modules/voting/stream.server";

const INTERVAL_MS = 1500;
/** Even a stream with news ends now and then; the browser reconnects by itself. */
const MAX_LIFETIME_MS = 15 * 60_000;

/**
 * One computation per round per interval, shared by every open stream of this process: a room full
 * of projectors (or anyone opening the stream) costs one tally per 1.5 s, not one per connection.
 */
const shared = new Map<string, { at: number; value: Promise<string> }>();
function sharedState(roundId: string, compute: () => Promise<string>): Promise<string> {
  const now = Date.now();
  const hit = shared.get(roundId);
  if (hit && now - hit.at < INTERVAL_MS - 100) return hit.value;
  const value = compute();
  shared.set(roundId, { at: now, value });
  value.catch(() => shared.delete(roundId));
  return value;
}

/** A refused stream: a short translated text, the connection ends at once (ADR 0021). */
function refusal(r: Refusal, locale: Parameters<typeof translator>[0]): Response {
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  if (r.retryAfter) headers["Retry-After"] = String(r.retryAfter);
  return new Response(translator(locale)(r.error), { status: r.status, headers });
}

/**
 * Server-sent events for the projector: the round's public state, sent whenever it changes (checked
 * every 1.5 s against the database). Totals are in it only once revealed or published. Anyone may
 * follow a round whose vote has opened, a few streams per address; the organizer's screen (signed in,
 * or with the round's screen key) at any time, from places of its own (ADR 0021).
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = getDb();
  const c = config();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const first = await loadVotingRound(db, edition.id, params.position);
  const access = await streamAccess(db, {
    round: first,
    awardId: edition.awardId,
    user: context.user,
    key: new URL(request.url).searchParams.get("sleutel"),
  });
  if (!access.ok) return refusal(access, context.locale);
  const place = takeStreamPlace(access.value, context.ip, {
    anonymousMax: c.STREAM_ANONYMOUS_MAX,
    perClient: c.STREAM_PER_CLIENT,
    reservedMax: c.STREAM_RESERVED_MAX,
  });
  if (!place.ok) return refusal(place, context.locale);
  const release = place.value;
  const idleMs = c.STREAM_IDLE_SECONDS * 1000;
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopStream = () => {};
  const started = Date.now();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      let lastNews = Date.now();
      let closed = false;
      const stop = () => {
        if (closed) return;
        closed = true;
        release();
        clearTimeout(timer);
        // The shutdown signal lives as long as the process: a listener left on it would keep this
        // stream (its controller, its closures) alive for good, one more with every screen that came.
        context.shutdown.removeEventListener("abort", bye);
        request.signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      stopStream = stop;
      request.signal.addEventListener("abort", stop);
      // This process is stopping: tell the screen to reconnect (to another process, or this one once
      // restarted) and end the stream, so the stop does not wait for the stream's lifetime.
      function bye() {
        if (closed) return;
        controller.enqueue(encoder.encode(`retry: 1000\nevent: reconnect\ndata: {}\n\n`));
        stop();
      }
      if (context.shutdown.aborted) bye();
      else context.shutdown.addEventListener("abort", bye, { once: true });
      const tick = async () => {
        if (closed) return;
        try {
          const payload = await sharedState(`${first.id}:${context.locale}`, async () => {
            const round = await loadVotingRound(db, edition.id, String(first.position));
            return JSON.stringify(await projectorState(db, round, edition.categories, context.locale));
          });
          if (payload !== last) {
            last = payload;
            lastNews = Date.now();
            controller.enqueue(encoder.encode(`event: state\ndata: ${payload}\n\n`));
          } else {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
          }
        } catch {
          stop();
          return;
        }
        // A stream without news for a while (and any stream after a long while) ends: its place is
        // free again, and the browser reconnects by itself after the retry time sent first.
        const now = Date.now();
        if (now - lastNews >= idleMs || now - started >= MAX_LIFETIME_MS) stop();
        else timer = setTimeout(() => void tick(), INTERVAL_MS);
      };
      // Spread the reconnects of a room full of screens over a few seconds.
      controller.enqueue(encoder.encode(`retry: ${2000 + Math.floor(Math.random() * 3000)}\n\n`));
      void tick();
    },
    cancel() {
      stopStream();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
