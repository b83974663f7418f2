// The participant session as the windows see it: started, door, people,
// projected. Kept up to date by the shell's join-changed event.
import { api, type JoinStatus, type WorkspaceRef } from '../api';
import { fromElsewhere, onChange, type SubjectOf } from '../api/changes';
import { sameWorkspace } from '../shared/presentation';
import { events } from '../api/bindings';

export const joining = $state<{ status: JoinStatus | null }>({ status: null });

let following: Promise<void> | null = null;

/** Loads the status once and follows it; safe to call from every page. */
export function followJoining(): Promise<void> {
  following ??= (async () => {
    await events.joinChanged.listen((e) => {
      joining.status = e.payload.status;
    });
    joining.status = await api.joinStatus();
  })();
  return following;
}

/** The QR code as an image source: an SVG drawn by the laptop, never markup in the page. */
export function qrSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Keeps a page's workspace up to date with the writes of others (phones,
 * the team folder; the window's own it applied already): `show` takes a
 * change it can apply in place (a phone's card) and returns true; any other
 * change reloads the workspace once a burst has passed, not per write.
 * Returns the function that stops following.
 */
export async function followPhones(
  workspace: WorkspaceRef,
  reload: () => Promise<void>,
  show: (change: SubjectOf<'workspace'>) => boolean = () => false,
): Promise<() => void> {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const unlisten = await onChange('workspace', (subject, change) => {
    if (!fromElsewhere(change) || !sameWorkspace(subject.workspace, workspace)) return;
    if (show(subject) || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      reload().catch(() => {});
    }, 120);
  });
  return () => {
    unlisten();
    clearTimeout(pending);
  };
}
