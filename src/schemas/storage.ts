/**
 * Video storage files (GET /v2/user/storage/files, GET /v2/user/storage/files/{id}).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** One file in the account's video storage. */
export interface StorageFile {
  /** File id (a UUID string). */
  id: string;
  /** Title shown in Restream. */
  title?: string | null;
  /** Size in bytes. */
  sizeBytes?: number | null;
  /** Duration in seconds. */
  durationSeconds?: number | null;
  /** `Processing`, `Ready` or `Failed`. */
  status?: string | null;
  /** When the file was created (ISO string). */
  createdAt?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of one storage file; unknown fields are kept. */
export const StorageFileSchema: v.GenericSchema<unknown, StorageFile> = v.looseObject({
  id: v.string(),
  title: v.optional(v.nullable(v.string())),
  sizeBytes: v.optional(v.nullable(v.number())),
  durationSeconds: v.optional(v.nullable(v.number())),
  status: v.optional(v.nullable(v.string())),
  createdAt: v.optional(v.nullable(v.string())),
});

/** The storage listing as the API wraps it. */
export interface StorageFileList {
  /** The files. */
  files: StorageFile[];
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of the storage listing. */
export const StorageFileListSchema: v.GenericSchema<unknown, StorageFileList> = v.looseObject({
  files: v.array(StorageFileSchema),
});
