// What the phone's page shows of the running activity, decided in one
// switch over the activity's view: a kind this page does not show is a type
// error here, not a blank phone in the room.
import type {
  ParticipantActorMap,
  ParticipantBoard,
  ParticipantChallengeList,
  ParticipantGroups,
  ParticipantMatrix,
  ParticipantPoll,
  ParticipantQuestions,
  ParticipantWordCloud,
  PhoneView,
} from '../lib/api/bindings';

export type Shown = {
  /** The one board the participant writes or votes on. */
  board: ParticipantBoard | null;
  /** Cards may be added, changed and withdrawn on `board`. */
  writesCards: boolean;
  /** Dots may go on the boards shown, while their vote is open. */
  dots: boolean;
  /** A challenge list that takes proposals. */
  propose: ParticipantChallengeList | null;
  /** A challenge list under a dot vote. */
  challengeVote: ParticipantChallengeList | null;
  map: ParticipantActorMap | null;
  questions: ParticipantQuestions | null;
  poll: ParticipantPoll | null;
  groups: ParticipantGroups | null;
  cloud: ParticipantWordCloud | null;
  matrix: ParticipantMatrix | null;
  /** The plenary's vote: every group's board, one budget across them. */
  groupBoards: ParticipantBoard[];
};

const nothing: Shown = {
  board: null,
  writesCards: false,
  dots: false,
  propose: null,
  challengeVote: null,
  map: null,
  questions: null,
  poll: null,
  groups: null,
  cloud: null,
  matrix: null,
  groupBoards: [],
};

export function shown(now: PhoneView): Shown {
  switch (now.kind) {
    case 'listen':
    case 'photos':
      return nothing;
    case 'cards':
      return { ...nothing, board: now.board, writesCards: true };
    case 'board_vote':
      return { ...nothing, board: now.board, dots: true };
    case 'open_board':
      return { ...nothing, board: now.board, writesCards: true, dots: true };
    case 'challenges':
      return { ...nothing, propose: now.list };
    case 'challenge_vote':
      return { ...nothing, challengeVote: now.list };
    case 'actors':
      return { ...nothing, map: now.map };
    case 'questions':
      return { ...nothing, questions: now.questions };
    case 'poll':
      return { ...nothing, poll: now.poll };
    // In group work a phone writes on its own group's board once it chose one.
    case 'groups':
      return { ...nothing, groups: now.groups, board: now.board, writesCards: !!now.board, dots: true };
    case 'groups_vote':
      return { ...nothing, groupBoards: now.boards, dots: true };
    case 'word_cloud':
      return { ...nothing, cloud: now.cloud };
    case 'impact_effort':
      return { ...nothing, matrix: now.matrix };
    default:
      return unshown(now);
  }
}

function unshown(now: never): Shown {
  // Only a laptop newer than this page gets here: it shows what it can.
  console.warn('activity not shown on this phone', now);
  return nothing;
}
