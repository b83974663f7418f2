import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../api';
import { assignmentOf } from './assignment';

const item = (id: string, boards: string[], assignment: string, running = false) =>
  ({
    id,
    activity: { kind: 'groups', boards },
    assignment,
    running_since: running ? '2026-12-07T10:00:00Z' : null,
  }) as unknown as AgendaItem;

describe("a group's board shows its group work's assignment", () => {
  it('takes the running group work first, else the last one naming the board', () => {
    const agenda = [item('a', ['b1', 'b2'], 'Erst sammeln'), item('b', ['b1'], 'Dann ordnen'), item('c', ['b9'], 'Anderswo', true)];
    expect(assignmentOf(agenda, 'b1')).toBe('Dann ordnen');
    expect(assignmentOf(agenda, 'b2')).toBe('Erst sammeln');
    expect(assignmentOf(agenda, 'b3')).toBe('');
    const running = [item('a', ['b1'], 'Erst sammeln', true), item('b', ['b1'], 'Dann ordnen')];
    expect(assignmentOf(running, 'b1')).toBe('Erst sammeln');
  });
});
