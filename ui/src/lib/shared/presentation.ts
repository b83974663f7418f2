// What the projector shows: one workspace, or nothing yet.
import type { Presentation, WorkspaceRef } from '../api';

export const NOTHING: Presentation = { kind: 'nothing' };

/** The workspace (board, actor map or challenge list) a presentation shows. */
export function workspaceOf(p: Presentation): WorkspaceRef | null {
  switch (p.kind) {
    case 'nothing':
    case 'item':
    case 'photo':
      return null;
    case 'board':
      return { kind: 'board', id: p.board_id };
    case 'actor_map':
      return { kind: 'actor_map', id: p.map_id };
    case 'challenge_list':
      return { kind: 'challenge_list', id: p.list_id };
    default: {
      // A new kind of workspace must be handled here: this stops compiling.
      const unhandled: never = p;
      return unhandled;
    }
  }
}

export function sameWorkspace(a: WorkspaceRef | null, b: WorkspaceRef | null): boolean {
  return a !== null && b !== null && a.kind === b.kind && a.id === b.id;
}
