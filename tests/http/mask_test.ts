import assert from "node:assert/strict";
import { maskSecrets } from "../../src/http/mask.ts";

Deno.test("secrets are masked in URLs, forms and headers", () => {
  const cases: Array<[string, string]> = [
    ["wss://x/ws?accessToken=abc.def", "wss://x/ws?accessToken=***"],
    [
      "grant_type=refresh_token&refresh_token=r1&client_secret=s",
      "grant_type=refresh_token&refresh_token=***&client_secret=***",
    ],
    [
      "http://localhost:1/callback?code=xyz&state=s1",
      "http://localhost:1/callback?code=***&state=s1",
    ],
    ["Authorization: Bearer eyJhbGciOi.x-y_z", "Authorization: Bearer ***"],
    ["Authorization: Basic aWQ6c2VjcmV0", "Authorization: Basic ***"],
    ["https://api/v2/user/events?page=2", "https://api/v2/user/events?page=2"],
  ];
  for (const [input, expected] of cases) assert.equal(maskSecrets(input), expected);
});
