// What the projector shows: one workspace, or nothing yet.
import type { Presentation } from '../api';

export const NOTHING: Presentation = { kind: 'nothing' };

/** The workspace (board, actor map or challenge list) a presentation shows. */
export function scopeOf(p: Presentation): string | null {
  switch (p.kind) {
    case 'nothing':
      return null;
    case 'board':
      return p.board_id;
    case 'actor_map':
      return p.map_id;
    case 'challenge_list':
      return p.list_id;
    default: {
      // A new kind of workspace must be handled here: this stops compiling.
      const unhandled: never = p;
      return unhandled;
    }
  }
}
