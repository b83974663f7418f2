// The open challenge list. Every change goes to the core first and the list
// is read back: ranking and order are the core's, never computed here.
import { Progressive } from '../shared/progressive.svelte';
import { api, type Applied, type ChallengeInput, type ChallengeListView } from '../api';

/**
 * The view is replaced whole after every action, never changed in place, so
 * it is kept raw: no reactive proxy around each of hundreds of rows.
 */
class ChallengeListState {
  view = $state.raw<ChallengeListView | null>(null);
  selected = $state<string | null>(null);
  participant = $state(1);

  /** Forgets the open list, before another one is opened. */
  close(): void {
    this.view = null;
    this.selected = null;
    this.participant = 1;
  }
}

export const challengeList = new ChallengeListState();

export { DIMENSIONS, CHALLENGE_STATUSES as STATUSES } from '../api';

export function participantToken(n: number): string {
  return `P${n}`;
}

/** Rows painted so far: a long list opens with a screenful, the rest follows. */
export const rowsShown = new Progressive(12, 40);

export async function openChallengeList(listId: string): Promise<void> {
  const view = await api.challengeListView(listId);
  // Limit first, then show: the first paint must not hold every row.
  rowsShown.start(view.challenges.length);
  challengeList.view = view;
}

/** Reads the open list again (after phones placed dots), keeping what is painted. */
export async function reloadChallengeList(): Promise<void> {
  if (challengeList.view) challengeList.view = await api.challengeListView(challengeList.view.list.id);
}

async function after<T>(applied: Applied<T>): Promise<T> {
  if (challengeList.view) challengeList.view = await api.challengeListView(challengeList.view.list.id);
  return applied.value;
}

function listId(): string {
  if (!challengeList.view) throw new Error('no challenge list is open');
  return challengeList.view.list.id;
}

export async function addChallenge(input: ChallengeInput): Promise<string> {
  return (await after(await api.addChallenge(listId(), input))).id;
}

export async function updateChallenge(id: string, input: ChallengeInput): Promise<void> {
  await after(await api.updateChallenge(id, input));
}

export async function deleteChallenge(id: string): Promise<void> {
  await after(await api.deleteChallenge(id));
  if (challengeList.selected === id) challengeList.selected = null;
}

export async function moveChallenge(id: string, position: number): Promise<void> {
  await after(await api.moveChallenge(id, Math.max(0, position)));
}

export async function openVote(dots: number): Promise<void> {
  await after(await api.openChallengeVote(listId(), dots));
}

export async function closeVote(): Promise<void> {
  await after(await api.closeChallengeVote(listId()));
}

export async function addDot(id: string): Promise<void> {
  await after(await api.addChallengeDot(id, participantToken(challengeList.participant)));
}

export async function removeDot(id: string): Promise<void> {
  await after(await api.removeChallengeDot(id, participantToken(challengeList.participant)));
}

export async function step(forward: boolean): Promise<void> {
  await after(await api.stepHistory({ kind: 'challenge_list', id: listId() }, forward));
}
