// The store's commits as the windows hear of them: one event per commit,
// each change with its writer (the window, a phone, the team folder).
import { events, type Change, type Subject } from './bindings';

export type SubjectOf<K extends Subject['kind']> = Extract<Subject, { kind: K }>;

/**
 * Calls `handle` for every change of this kind, from now on. Returns the
 * function that stops listening.
 */
export function onChange<K extends Subject['kind']>(
  kind: K,
  handle: (subject: SubjectOf<K>, change: Change) => void,
): Promise<() => void> {
  return events.storeChanged.listen((e) => {
    for (const change of e.payload.changes) {
      if (change.subject.kind === kind) handle(change.subject as SubjectOf<K>, change);
    }
  });
}

/** Whether another writer than this laptop's window made the change. */
export function fromElsewhere(change: Change): boolean {
  return change.source.kind !== 'window';
}
