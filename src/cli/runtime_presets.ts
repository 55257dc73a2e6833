/**
 * The preset stores, for the commands that keep presets (`preset …`, `status --preset`):
 * {@link CliContext.presetStore} imports this module when it is first asked, so no other
 * command reads the preset modules (SPEC.md, "Start-up").
 *
 * @module
 */

export { FilePresetStore } from "../preset/file_store.ts";
export { MemoryPresetStore } from "../preset/store.ts";
