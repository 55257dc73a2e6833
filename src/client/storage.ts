/**
 * The account's video storage: files and their download links.
 *
 * @module
 */

import { type DownloadUrl, DownloadUrlSchema } from "../schemas/account.ts";
import { type StorageFile, StorageFileListSchema, StorageFileSchema } from "../schemas/storage.ts";
import type { ApiCore } from "./core.ts";

const READ = "storage.read";
const filePath = (id: string): string => `/v2/user/storage/files/${encodeURIComponent(id)}`;

/** GET /v2/user/storage/files: the files, without the API's `{files}` wrapper. */
export async function listStorageFiles(
  api: ApiCore,
  signal?: AbortSignal,
): Promise<StorageFile[]> {
  const list = await api.get("/v2/user/storage/files", StorageFileListSchema, {
    scope: READ,
    signal,
  });
  return list.files;
}

/** GET /v2/user/storage/files/{id}. */
export function getStorageFile(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<StorageFile> {
  return api.get(filePath(id), StorageFileSchema, {
    resource: `storage file ${id}`,
    scope: READ,
    signal,
  });
}

/** POST /v2/user/storage/files/{id}/download-url: a short-lived link, fetched without a token. */
export function getStorageFileDownloadUrl(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<DownloadUrl> {
  return api.send("POST", `${filePath(id)}/download-url`, undefined, {
    resource: `storage file ${id}`,
    scope: READ,
    signal,
  }, DownloadUrlSchema);
}
