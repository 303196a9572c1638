import type { ActionFunctionArgs } from "@remix-run/node";
import { refusalResponse } from "./action.server";

/**
 * Runs an action that takes an upload with its request body limited to `max` bytes: a body that
 * declares more is answered 413 with `error` (on `field`) without being read, and one that turns out
 * longer while streaming is cut off at the limit and answered the same — whatever the action did with
 * the cut form is discarded (it could only fail to read it, and so changed nothing).
 */
export async function withBodyLimit(
  args: ActionFunctionArgs,
  max: number,
  refusal: { error: string; field?: string; params?: Record<string, string | number> },
  run: (args: ActionFunctionArgs) => Promise<unknown>,
) {
  const tooLarge = () => refusalResponse({ ok: false, status: 413, ...refusal });
  if (Number(args.request.headers.get("content-length") ?? 0) > max) {
    // Answered at once, but the body still arrives: it is discarded as it comes (never held), so the
    // connection ends its request cleanly and stays usable. Left paused, the connection was later
    // reset, and a client that had reused it lost its next request. The server has already refused
    // bodies over 32 MB, so what is discarded here is bounded.
    void args.request.body?.pipeTo(new WritableStream()).catch(() => undefined);
    return tooLarge();
  }
  const body = args.request.body;
  if (!body) return run(args);
  let read = 0;
  let exceeded = false;
  const limited = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > max) {
          exceeded = true;
          controller.error(new Error("request body over its limit"));
        } else controller.enqueue(chunk);
      },
    }),
  );
  const request = new Request(args.request.url, {
    method: args.request.method,
    headers: args.request.headers,
    body: limited,
    signal: args.request.signal,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  const response = await run({ ...args, request });
  return exceeded ? tooLarge() : response;
}
