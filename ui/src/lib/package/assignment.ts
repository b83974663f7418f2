// A group work's assignment, as its groups' boards show it.
import type { AgendaItem } from '../api';

/**
 * The assignment of the group work whose groups include `boardId`: the
 * running item's first, then the latest item's in the agenda; "" if none.
 */
export function assignmentOf(agenda: AgendaItem[], boardId: string): string {
  const groupWorks = agenda.filter(
    (a) => a.activity?.kind === 'groups' && a.activity.boards.includes(boardId) && (a.assignment ?? '') !== '',
  );
  const running = groupWorks.find((a) => a.running_since);
  return (running ?? groupWorks[groupWorks.length - 1])?.assignment ?? '';
}
