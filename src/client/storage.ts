/**
 * The account's video storage: files and their download links.
 *
 * @module
 */

import { type DownloadUrl, DownloadUrlSchema } from "../schemas/account.ts";
import { type StorageFile, StorageFileListSchema, StorageFileSchema } from "../schemas/storage.ts";
import type { ApiCore } from "./core.ts";
import { idSegment } from "../ids.ts";

const READ = "storage.read";
const filePath = (id: string): string =>
  `/v2/user/storage/files/${idSegment("storage file id", id)}`;

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
export async function getStorageFile(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<StorageFile> {
  return await api.get(filePath(id), StorageFileSchema, {
    resource: `storage file ${id}`,
    scope: READ,
    signal,
  });
}

/** POST /v2/user/storage/files/{id}/download-url: a short-lived link, fetched without a token. */
export async function getStorageFileDownloadUrl(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<DownloadUrl> {
  return await api.send("POST", `${filePath(id)}/download-url`, undefined, {
    resource: `storage file ${id}`,
    scope: READ,
    signal,
  }, DownloadUrlSchema);
}
