/**
 * Errors that say what was missing: a 404 names the resource ("channel 42 not found"), a
 * 403 for a missing scope names the scope. The one place this wording is decided; every
 * endpoint of the client goes through it.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";

/** What a request was about, for its error messages. */
export interface ResourceContext {
  /** The resource a 404 means is missing, e.g. "channel 42". */
  resource?: string;
  /** The OAuth scope the endpoint needs, e.g. "channels.write". */
  scope?: string;
  /** What any other 403 means here (e.g. a plan requirement). */
  forbidden?: string;
  /**
   * Other things a 404 here can be about, by the word the API's identifier starts with
   * (`ChannelNotFound` → `channel`): adding a destination to an event names a channel too.
   */
  others?: Readonly<Record<string, string>>;
}

/**
 * Rewrites an error of the request pipeline with the resource's context; any other error
 * is returned unchanged. Status and code are kept.
 */
export function explainResourceError(error: unknown, context: ResourceContext): unknown {
  if (!(error instanceof RestreamError)) return error;
  const options = {
    status: error.status,
    code: error.code,
    apiMessage: error.apiMessage,
    cause: error,
  };
  if (error.kind === "not_found" && context.resource !== undefined) {
    const resource = otherNamed(error.apiMessage, context.others) ?? context.resource;
    const more = saysMore(error.apiMessage, resource) ? `: ${error.apiMessage}` : "";
    return new RestreamError("not_found", `${resource} not found${more}`, options);
  }
  if (error.kind === "forbidden") {
    if (error.code === "insufficient_scope" && context.scope !== undefined) {
      return new RestreamError(
        "forbidden",
        `missing scope ${context.scope} (the token was not granted it)`,
        options,
      );
    }
    if (context.forbidden !== undefined) {
      return new RestreamError("forbidden", `${context.forbidden}: ${error.message}`, options);
    }
  }
  return error;
}

/** The other resource an identifier such as `ChannelNotFound` or `channel_not_found` names. */
function otherNamed(
  apiMessage: string | undefined,
  others: Readonly<Record<string, string>> | undefined,
): string | undefined {
  const thing = apiMessage?.trim().match(/^([a-z]+)_?not_?found$/i)?.[1].toLowerCase();
  return thing === undefined ? undefined : others?.[thing];
}

/**
 * Whether the API's 404 message adds to "<resource> not found": `Not Found`,
 * `ChannelNotFound` (an identifier) and `Channel not found` (for "channel 42") do not;
 * `no channel 42 in this workspace` does.
 */
function saysMore(apiMessage: string | undefined, resource: string): apiMessage is string {
  if (apiMessage === undefined) return false;
  const letters = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, "");
  const message = letters(apiMessage);
  if (message === "") return false;
  if (!message.endsWith("notfound")) return true;
  if (!/\s/.test(apiMessage.trim())) return false;
  return !letters(resource).includes(message.slice(0, -"notfound".length));
}
