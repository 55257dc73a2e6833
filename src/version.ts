/**
 * The package version, read from deno.json so it is written in one place.
 *
 * @module
 */

import denoConfig from "../deno.json" with { type: "json" };

/**
 * The version of this package (semver).
 *
 * @example
 * ```ts
 * import { VERSION } from "jsr:@restream/cli";
 * console.log(`restream.io ${VERSION}`);
 * ```
 */
export const VERSION: string = denoConfig.version;
