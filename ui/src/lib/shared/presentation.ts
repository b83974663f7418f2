// What the projector shows: exactly one workspace, the rest left empty.
import type { Presentation } from '../api';

export function shows(part: Partial<Presentation>): Presentation {
  return { board_id: null, field_id: null, actor_map_id: null, challenge_list_id: null, ...part };
}
