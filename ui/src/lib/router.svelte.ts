// A handful of screens, no URLs to share: a small state machine is all the routing needed.
import type { Workspace, WorkspaceRef } from './api';

export type Route =
  | { name: 'workshops' }
  | { name: 'workshop'; workshopId: string }
  | { name: 'workspace'; workshopId: string; workspace: WorkspaceRef }
  /** An agenda item's own page: its questions or its poll. */
  | { name: 'item'; workshopId: string; itemId: string }
  /** Every workshop's challenges, to follow after the day. */
  | { name: 'follow_up' }
  /** The team folder: its settings, its sync. */
  | { name: 'team' };

/** The screen shown, and how often the user (or the app) moved since start. */
export const router = $state<{ route: Route; moves: number }>({ route: { name: 'workshops' }, moves: 0 });

export function go(route: Route): void {
  router.route = route;
  router.moves += 1;
}

/** Opens a board, actor map or challenge list of a workshop. */
export function open(workshopId: string, kind: Workspace, id: string): void {
  go({ name: 'workspace', workshopId, workspace: { kind, id } });
}
