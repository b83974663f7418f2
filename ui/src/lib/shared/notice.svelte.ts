// One place where failures become a message the user can read.
import { api, ApiFailure } from '../api';
import { t } from '../i18n/index.svelte';
import { beforeShowing } from './first-screen';

export const notice = $state<{ message: string | null; kind: 'error' | 'info' }>({ message: null, kind: 'error' });

/** Turns whatever failed into a sentence in the UI language. */
export function describe(failure: unknown): string {
  if (failure instanceof ApiFailure && typeof failure.error?.message_key === 'string') {
    return t(failure.error.message_key, failure.error.params);
  }
  const detail = failure instanceof ApiFailure ? String(failure.error) : String(failure);
  return t('error.unexpected', { detail });
}

/** Long enough to read twice; the next action's message replaces it anyway. */
const NOTICE_MS = 8000;
let timer: ReturnType<typeof setTimeout> | undefined;

export function report(failure: unknown): void {
  console.error(failure);
  show(describe(failure), 'error');
  if (failure instanceof ApiFailure && failure.error?.message_key === 'error.disk_full') waitForRoom();
}

/**
 * A full disk is not over in eight seconds: its message stays until there
 * is room again, then says so, so the facilitator knows the next try works.
 */
const ROOM_CHECK_MS = 3000;
let roomCheck: ReturnType<typeof setInterval> | undefined;

function waitForRoom(): void {
  clearTimeout(timer);
  clearInterval(roomCheck);
  roomCheck = setInterval(async () => {
    if (!(await api.storeHasRoom().catch(() => false))) return;
    clearInterval(roomCheck);
    roomCheck = undefined;
    inform(t('notice.room_again'));
  }, ROOM_CHECK_MS);
}

/** A result worth a sentence, e.g. where a file was saved. */
export function inform(message: string): void {
  show(message, 'info');
}

function show(message: string, kind: 'error' | 'info'): void {
  notice.message = message;
  notice.kind = kind;
  clearTimeout(timer);
  timer = setTimeout(dismiss, NOTICE_MS);
}

export function dismiss(): void {
  notice.message = null;
  clearInterval(roomCheck);
  roomCheck = undefined;
}

/** Runs an action; on failure shows why and returns undefined. */
export function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  // What the screens load as the app starts is awaited before the window shows.
  return beforeShowing(
    (async () => {
      try {
        return await action();
      } catch (failure) {
        report(failure);
        return undefined;
      }
    })(),
  );
}
