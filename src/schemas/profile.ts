/**
 * The account's profile (GET /v2/user/profile).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** The logged-in account. */
export interface Profile {
  /** User id. */
  id: number;
  /** User name. */
  username?: string | null;
  /** E-mail address. */
  email?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of the profile; unknown fields are kept. */
export const ProfileSchema: v.GenericSchema<unknown, Profile> = v.looseObject({
  id: v.number(),
  username: v.optional(v.nullable(v.string())),
  email: v.optional(v.nullable(v.string())),
});
