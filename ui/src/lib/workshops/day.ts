// The arithmetic of a running agenda item, kept apart from the UI so it can be tested.
import { RULES } from '../api/bindings';
import type { Activity, AgendaItem, Workspace } from '../api';

/** Seconds the item has run by `now` (earlier stretches and the running one). */
export function ranSeconds(item: AgendaItem, now: number): number {
  const since = item.running_since ? Math.max(0, (now - Date.parse(item.running_since)) / 1000) : 0;
  return (item.ran_seconds ?? 0) + since;
}

/** Seconds left of the item's planned duration; negative when it overran. */
export function secondsLeft(item: AgendaItem, now: number): number {
  return item.duration_minutes * 60 - ranSeconds(item, now);
}

/**
 * How many minutes the day is behind its plan (negative: ahead) while
 * `item` runs: how late it first started, plus how far it overran.
 * `date` is the workshop's day (YYYY-MM-DD); times are local.
 */
export function minutesBehind(item: AgendaItem, date: string, now: number): number {
  if (!item.started_at) return 0;
  const planned = new Date(`${date}T${item.start_time.slice(0, 5)}:00`).getTime();
  const late = (Date.parse(item.started_at) - planned) / 1000;
  const over = Math.max(0, ranSeconds(item, now) - item.duration_minutes * 60);
  return Math.trunc((late + over) / 60);
}

/** The workspace an activity happens in, to open when its item starts. */
export function workspaceOf(activity: Activity | undefined): { kind: Workspace; id: string } | null {
  const act = activity ?? { kind: 'listen' };
  switch (act.kind) {
    case 'listen':
    case 'photos':
    case 'questions':
    case 'poll':
    case 'groups':
    case 'groups_vote':
    case 'word_cloud':
    case 'impact_effort':
      return null;
    case 'cards':
    case 'board_vote':
    case 'open_board':
      return { kind: 'board', id: act.board_id };
    case 'actors':
      return { kind: 'actor_map', id: act.map_id };
    case 'challenge_vote':
    case 'challenges':
      return { kind: 'challenge_list', id: act.list_id };
    default: {
      // A new kind of activity is a type error here until it is placed.
      const unplaced: never = act;
      return unplaced;
    }
  }
}

/** What the core says of each kind of activity. */
const FACTS = new Map(RULES.activities.map((f) => [f.kind, f]));

/** Whether the activity has a page of its own on the laptop: its questions, its poll or its groups. */
export function hasItemPage(activity: Activity | undefined): boolean {
  return FACTS.get(activity?.kind ?? 'listen')?.item_page ?? false;
}

/** `m:ss`, with a minus sign once the time is up. */
export function clock(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  return `${seconds < 0 ? '−' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
