import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { loadEdition } from "~/modules/awards/edition.server";
import { projectorState } from "~/modules/voting/live.server";
import { loadVotingRound } from "~/modules/voting/round.server";

const INTERVAL_MS = 1500;
/** Open streams per process: a projector needs one; beyond this the answer is 503 and the browser retries. */
const MAX_STREAMS = 200;
let openStreams = 0;

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
const MAX_LIFETIME_MS = 30 * 60_000;

/**
 * Server-sent events for the projector: the round's public state, sent whenever it changes (checked
 * every 1.5 s against the database). Totals are in it only once revealed or published.
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const first = await loadVotingRound(db, edition.id, params.position);
  if (openStreams >= MAX_STREAMS) return new Response("Busy", { status: 503, headers: { "Retry-After": "10" } });
  openStreams++;
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopStream = () => {};
  const started = Date.now();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      let closed = false;
      const stop = () => {
        if (closed) return;
        closed = true;
        openStreams--;
        clearTimeout(timer);
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
      const bye = () => {
        if (closed) return;
        controller.enqueue(encoder.encode(`retry: 1000\nevent: reconnect\ndata: {}\n\n`));
        stop();
      };
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
            controller.enqueue(encoder.encode(`event: state\ndata: ${payload}\n\n`));
          } else {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
          }
        } catch {
          stop();
          return;
        }
        // The browser reconnects by itself; a bounded lifetime frees the connection now and then.
        if (Date.now() - started > MAX_LIFETIME_MS) stop();
        else timer = setTimeout(() => void tick(), INTERVAL_MS);
      };
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
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
