// One place where failures become a message the user can read.
import { ApiFailure } from '../api';
import { t } from '../i18n/index.svelte';

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
}

/** Runs an action; on failure shows why and returns undefined. */
export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (failure) {
    report(failure);
    return undefined;
  }
}
