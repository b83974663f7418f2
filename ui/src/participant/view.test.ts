import { describe, expect, it } from 'vitest';
import type { ParticipantBoard, ParticipantChallengeList } from '../lib/api/bindings';
import { shown } from './view';

const board = (id: string, vote_open: boolean): ParticipantBoard => ({
  board_id: id,
  title: `Tafel ${id}`,
  vote_open,
  dots_per_participant: 3,
  dots_left: 3,
  fields: [],
  challenge_votes: [],
});
const list: ParticipantChallengeList = { id: 'l1', title: 'Herausforderungen', dots_per_participant: 3, dots_left: 3, challenges: [] };

describe('what the phone shows of the running activity', () => {
  it('collects cards without dots, and votes without new cards', () => {
    const collect = shown({ kind: 'cards', board: board('b1', true) });
    expect([collect.board?.board_id, collect.writesCards, collect.dots]).toEqual(['b1', true, false]);
    const vote = shown({ kind: 'board_vote', board: board('b1', true) });
    expect([vote.board?.board_id, vote.writesCards, vote.dots]).toEqual(['b1', false, true]);
  });

  it('lets a phone write in group work only once it chose its group', () => {
    const groups = { choices: [{ board_id: 'g1', name: 'Gruppe A', members: 0 }], mine: null };
    const before = shown({ kind: 'groups', groups, board: null });
    expect([before.groups?.choices.length, before.board, before.writesCards]).toEqual([1, null, false]);
    const after = shown({ kind: 'groups', groups: { ...groups, mine: 'g1' }, board: board('g1', false) });
    expect([after.board?.board_id, after.writesCards]).toEqual(['g1', true]);
  });

  it('shows every group board in the plenary vote, and no board of its own', () => {
    const plenary = shown({ kind: 'groups_vote', boards: [board('g1', true), board('g2', true)] });
    expect([plenary.groupBoards.map((b) => b.board_id), plenary.board, plenary.dots]).toEqual([['g1', 'g2'], null, true]);
  });

  it('tells a list that takes proposals from one under a vote', () => {
    expect([shown({ kind: 'challenges', list }).propose?.id, shown({ kind: 'challenges', list }).challengeVote]).toEqual(['l1', null]);
    expect([shown({ kind: 'challenge_vote', list }).challengeVote?.id, shown({ kind: 'challenge_vote', list }).propose]).toEqual(['l1', null]);
  });

  it('shows nothing to do while listening or in a photo round', () => {
    for (const kind of ['listen', 'photos'] as const) {
      const v = shown({ kind });
      expect([v.board, v.propose, v.challengeVote, v.map, v.questions, v.poll, v.groups, v.cloud, v.matrix, v.groupBoards]).toEqual([null, null, null, null, null, null, null, null, null, []]);
    }
  });
});
