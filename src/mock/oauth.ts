/**
 * The mock's OAuth2 server (RESTREAM_API.md, "OAuth2"): the `/login` authorize page,
 * `/oauth/token` (authorization_code with PKCE when a challenge was sent; refresh_token with
 * rotation) and `/oauth/revoke`. Client credentials by HTTP Basic or form fields.
 *
 * @module
 */

import { randomSecret } from "./ids.ts";
import { errorPage, loginPage } from "./login_page.ts";
import { empty, html, json, oauthError, redirect } from "./respond.ts";
import type { MockState } from "./state.ts";
import { APP_SCOPES, type IssuedPair, REFRESH_LIFETIME_SECONDS } from "./tokens.ts";

/** How long an authorization code stays valid. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  method: string;
  expiresAt: number;
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The token endpoint's answer (snake_case with camelCase twins). */
export function tokenResponse(pair: IssuedPair): Record<string, unknown> {
  const accessEpoch = Math.floor(pair.accessExpiresAt / 1000);
  const refreshEpoch = Math.floor(pair.refreshExpiresAt / 1000);
  return {
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    token_type: "Bearer",
    expires_in: pair.expiresIn,
    expires: accessEpoch,
    scope: pair.scopes.join(" "),
    accessToken: pair.accessToken,
    accessTokenExpiresIn: pair.expiresIn,
    accessTokenExpiresAt: new Date(accessEpoch * 1000).toISOString(),
    accessTokenExpiresEpoch: accessEpoch,
    refreshToken: pair.refreshToken,
    refreshTokenExpiresIn: REFRESH_LIFETIME_SECONDS,
    refreshTokenExpiresAt: new Date(refreshEpoch * 1000).toISOString(),
    refreshTokenExpiresEpoch: refreshEpoch,
    scopeJson: pair.scopes,
    tokenType: "Bearer",
  };
}

/** The OAuth endpoints of one server, with its pending authorization codes. */
export class OAuthServer {
  readonly #state: MockState;
  readonly #codes = new Map<string, PendingCode>();

  /** Creates the endpoints over a server's state. */
  constructor(state: MockState) {
    this.#state = state;
  }

  /** `GET /login` (the page, or at once with auto-approve) and `POST /login` (the decision). */
  async login(req: Request, url: URL): Promise<Response> {
    const params = req.method === "POST" ? new URLSearchParams(await req.text()) : url.searchParams;
    const clientId = params.get("client_id");
    const redirectUri = params.get("redirect_uri");
    if (!clientId) return html(400, errorPage("The client_id parameter is missing."));
    if (clientId !== this.#state.clientId) {
      return html(
        400,
        errorPage(`Unknown client_id '${clientId}'. This mock accepts '${this.#state.clientId}'.`),
      );
    }
    if (!redirectUri || !URL.canParse(redirectUri)) {
      return html(400, errorPage("The redirect_uri parameter is missing or not a URL."));
    }
    const responseType = params.get("response_type");
    if (responseType !== null && responseType !== "code") {
      return html(400, errorPage(`Unsupported response_type '${responseType}'.`));
    }
    const decision = req.method === "POST"
      ? params.get("decision")
      : this.#state.autoApprove
      ? "approve"
      : null;
    if (decision === null) return html(200, loginPage(params, APP_SCOPES));
    // Restream's deny redirect carries no parameters at all, not even state.
    if (decision !== "approve") return redirect(redirectUri);
    const code = randomSecret(16);
    this.#codes.set(code, {
      clientId,
      redirectUri,
      challenge: params.get("code_challenge"),
      method: params.get("code_challenge_method") ?? "plain",
      expiresAt: this.#state.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    target.searchParams.set("scope", APP_SCOPES.join(","));
    const state = params.get("state");
    if (state !== null) target.searchParams.set("state", state);
    return redirect(target.href);
  }

  /** `POST /oauth/token`. */
  async token(req: Request): Promise<Response> {
    const form = new URLSearchParams(await req.text());
    const client = this.#clientOf(req, form);
    if (typeof client !== "string") return client;
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      this.#state.counters.tokenGrants++;
      return await this.#exchange(form, client);
    }
    if (grant === "refresh_token") {
      this.#state.counters.refreshes++;
      const result = this.#state.tokens.refresh(form.get("refresh_token") ?? "", client);
      return typeof result === "string"
        ? oauthError(400, "invalid_grant", result)
        : json(200, tokenResponse(result));
    }
    return oauthError(400, "unsupported_grant_type", `Unsupported grant type '${grant ?? ""}'`);
  }

  /** `POST /oauth/revoke`: always 200 with an empty body; revokes the whole pair. */
  async revoke(req: Request): Promise<Response> {
    this.#state.counters.revocations++;
    const form = new URLSearchParams(await req.text());
    const token = form.get("token");
    if (token) this.#state.tokens.revoke(token);
    return empty(200);
  }

  /** The authenticated client id, or the 401 to answer. */
  #clientOf(req: Request, form: URLSearchParams): string | Response {
    let id = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
    if (basic) {
      try {
        const decoded = atob(basic[1]);
        const colon = decoded.indexOf(":");
        if (colon < 0) throw new Error("no colon");
        id = formDecode(decoded.slice(0, colon));
        secret = formDecode(decoded.slice(colon + 1));
      } catch {
        return oauthError(
          401,
          "invalid_client",
          "Invalid client: cannot read the Basic credentials",
        );
      }
    }
    if (!id || !secret) {
      return oauthError(401, "invalid_client", "Invalid client: client credentials are missing");
    }
    if (id !== this.#state.clientId || secret !== this.#state.clientSecret) {
      return oauthError(401, "invalid_client", "Invalid client: client is invalid");
    }
    return id;
  }

  async #exchange(form: URLSearchParams, clientId: string): Promise<Response> {
    const code = form.get("code") ?? "";
    const pending = this.#codes.get(code);
    // Single use: a code is spent by its first exchange, successful or not.
    this.#codes.delete(code);
    const invalid = (why: string): Response =>
      oauthError(400, "invalid_grant", `Invalid grant: ${why}`);
    if (!pending || pending.expiresAt <= this.#state.now()) {
      return invalid("authorization code is invalid");
    }
    if (pending.clientId !== clientId) {
      return invalid("authorization code was issued to another client");
    }
    if (form.get("redirect_uri") !== pending.redirectUri) {
      return invalid("redirect_uri does not match");
    }
    if (pending.challenge !== null) {
      const verifier = form.get("code_verifier");
      if (!verifier) return invalid("code_verifier is missing");
      const computed = pending.method === "S256" ? await s256(verifier) : verifier;
      if (computed !== pending.challenge) {
        return invalid("code_verifier does not match the code_challenge");
      }
    }
    const pair = this.#state.tokens.issue(APP_SCOPES, this.#state.tokenLifetimeSeconds, clientId);
    return json(200, tokenResponse(pair));
  }
}
