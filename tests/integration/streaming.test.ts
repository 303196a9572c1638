import { get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { sendResponse } from "../../server/app";

// The app's response writer (server/app.ts): a streamed body is read only as fast as the client takes
// it, so a large export never piles up in the server's memory.
describe("sendResponse", () => {
  it("stops pulling from a streamed body while the client does not read, and delivers every byte once it does", async () => {
    const CHUNK = 64 * 1024;
    const CHUNKS = 2000; // 128 MB if everything were produced at once
    let pulled = 0;
    const app = express();
    app.get("/", (_req, res, next) => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled === CHUNKS) return controller.close();
          pulled++;
          controller.enqueue(new Uint8Array(CHUNK).fill(pulled % 251));
        },
      });
      sendResponse(res, new Response(body, { headers: { "Content-Type": "application/octet-stream" } })).catch(next);
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      const reader = res.body!.getReader();
      let received = (await reader.read()).value!.length;
      // Wait until production settles while the client reads nothing more (kernel and stream buffers fill up).
      let last = -1;
      while (pulled !== last) {
        last = pulled;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(pulled).toBeLessThan(CHUNKS / 4);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
      }
      expect(pulled).toBe(CHUNKS);
      expect(received).toBe(CHUNK * CHUNKS);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("cancels the body when the client goes away while the body is still preparing its next chunk", async () => {
    let cancelled = false;
    let release: () => void = () => undefined;
    const app = express();
    app.get("/", (_req, res, next) => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // The first chunk at once; the next only when the test lets it (a query still running).
          if (sent++ > 0) await new Promise<void>((r) => (release = r));
          controller.enqueue(new Uint8Array(64 * 1024).fill(65));
        },
        cancel() {
          cancelled = true;
        },
      });
      sendResponse(res, new Response(body, { headers: { "Content-Type": "application/octet-stream" } })).catch(next);
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => {
        const req = httpGet(`http://127.0.0.1:${port}/`, (res) => {
          res.once("data", () => {
            req.destroy();
            resolve();
          });
        });
        req.on("error", () => undefined);
      });
      // The body is cancelled when the socket closes, not only at its next chunk …
      for (let i = 0; i < 200 && !cancelled; i++) await new Promise((r) => setTimeout(r, 50));
      expect(cancelled).toBe(true);
      // … and a chunk that still comes is not written to the closed socket (nor waited on for ever).
      release();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
