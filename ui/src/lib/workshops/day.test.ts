import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../api';
import { clock, hasItemPage, minutesBehind, secondsLeft, workspaceOf } from './day';
import { RULES } from '../api/bindings';

const at = (hm: string) => new Date(`2026-12-03T${hm}:00`).getTime();

function item(start: string, minutes: number, startedAt: string | null, ran = 0, since: string | null = null): AgendaItem {
  return {
    id: 'i',
    workshop_id: 'w',
    position: 0,
    start_time: start,
    duration_minutes: minutes,
    title: 'Gruppenarbeit',
    who: '',
    activity: { kind: 'listen' },
    started_at: startedAt ? new Date(at(startedAt)).toISOString() : null,
    ran_seconds: ran,
    running_since: since ? new Date(at(since)).toISOString() : null,
  };
}

describe('the running item', () => {
  it('is behind by its late start while within its time', () => {
    expect(minutesBehind(item('10:00', 30, '10:12', 0, '10:12'), '2026-12-03', at('10:20'))).toBe(12);
  });
  it('is behind by its overrun once past its time', () => {
    expect(minutesBehind(item('10:00', 30, '10:00', 0, '10:00'), '2026-12-03', at('10:45'))).toBe(15);
  });
  it('is ahead when it started early', () => {
    expect(minutesBehind(item('10:00', 30, '09:55', 0, '09:55'), '2026-12-03', at('10:00'))).toBe(-5);
  });
  it('counts the time of an earlier stretch when reopened', () => {
    const reopened = item('10:00', 20, '10:00', 15 * 60, '11:00');
    expect(secondsLeft(reopened, at('11:02'))).toBe(3 * 60);
  });
  it('shows the clock past zero with a minus sign', () => {
    expect(clock(125)).toBe('2:05');
    expect(clock(-61)).toBe('−1:01');
  });
  it('opens the workspace of its activity', () => {
    expect(workspaceOf({ kind: 'cards', board_id: 'b', field_id: null })).toEqual({ kind: 'board', id: 'b' });
    expect(workspaceOf({ kind: 'actors', map_id: 'm' })).toEqual({ kind: 'actor_map', id: 'm' });
    expect(workspaceOf({ kind: 'challenges', list_id: 'l' })).toEqual({ kind: 'challenge_list', id: 'l' });
    expect(workspaceOf({ kind: 'listen' })).toBeNull();
  });
  it('opens a page of its own where the core says its kind has one', () => {
    expect(hasItemPage({ kind: 'questions', review: false })).toBe(true);
    expect(hasItemPage({ kind: 'groups', boards: [] })).toBe(true);
    expect(hasItemPage({ kind: 'cards', board_id: 'b', field_id: null })).toBe(false);
    expect(hasItemPage(undefined)).toBe(false);
    // Every kind is either run in a workspace, on its own page, or neither.
    for (const f of RULES.activities) expect(f.item_page && f.workspace !== null).toBe(false);
    expect(RULES.activities.filter((f) => f.item_page).map((f) => f.kind)).toEqual(['questions', 'poll', 'groups', 'groups_vote', 'word_cloud', 'impact_effort']);
  });
});
