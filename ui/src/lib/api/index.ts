// The one door to the core. Every command returns a Result; here it becomes a
// resolved value or a thrown ApiFailure that the UI shows in its own language.
import { invoke } from '@tauri-apps/api/core';
import { commands, type ErrorView, type Photo, type Result } from './bindings';

export type * from './bindings';
/** An error as the core sends it to the window (and, in a refusal, to a phone). */
export type ApiError = ErrorView;
import { RULES } from './bindings';

// The core's bounds and value lists, generated from the Rust definitions.
export const LIMITS = RULES.limits;
export const DIMENSIONS = RULES.dimensions;
export const CHALLENGE_STATUSES = RULES.challenge_statuses;
export const INVOLVEMENTS = RULES.involvements;
export const CARD_COLORS = RULES.card_colors;
export const SECTOR_COLORS = RULES.sector_colors;
export const ACTOR_GROUPS = RULES.actor_groups;

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.detail);
    this.name = 'ApiFailure';
    this.error = error;
  }
}

type Commands = typeof commands;
type Unwrapped<F> = F extends (...args: infer A) => Promise<Result<infer T, ApiError>>
  ? (...args: A) => Promise<T>
  : never;
export type Api = { [K in keyof Commands]: Unwrapped<Commands[K]> };

export function unwrapResult<T>(result: Result<T, ApiError>): T {
  if (result.status === 'error') throw new ApiFailure(result.error);
  return result.data;
}

export const api = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    async (...args: unknown[]) =>
      unwrapResult(await (command as (...a: unknown[]) => Promise<Result<unknown, ApiError>>)(...args)),
  ]),
) as Api;

/**
 * A photo file dropped onto the window, taken in whole or refused (thrown
 * as an ApiFailure). A drop gives the page the file's contents, not its
 * path, so the bytes go to the core as they are, raw: outside the generated
 * bindings, which would send them as a JSON list of numbers.
 */
export async function addDroppedPhoto(workshopId: string, file: File): Promise<Photo> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return await invoke<Photo>('add_dropped_photo', bytes, { headers: { 'x-workshop': workshopId } });
  } catch (e) {
    throw new ApiFailure(e as ApiError);
  }
}
