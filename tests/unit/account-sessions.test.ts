import { describe, expect, it } from "vitest";
import { describeAgent } from "~/modules/accounts/sessions.server";

describe("describeAgent (the session list's browser name)", () => {
  it.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0",
      "Edge",
      "Windows",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "Chrome", "Linux"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "macOS"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
      "Safari",
      "iOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
      "Chrome",
      "Android",
    ],
  ])("%s → %s on %s", (agent, browser, system) => {
    expect(describeAgent(agent)).toEqual({ browser, system });
  });

  it("names nothing it does not know", () => {
    expect(describeAgent(null)).toEqual({ browser: null, system: null });
    expect(describeAgent("curl/8.5.0")).toEqual({ browser: null, system: null });
  });
});
