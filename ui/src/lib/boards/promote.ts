// A card or cluster of a board becomes a challenge or an actor in one move.
// It goes to the workshop's first challenge list or actor map, which is
// created when the workshop has none yet; the board keeps the card.
import { api } from '../api';
import { t } from '../i18n/index.svelte';
import { inform } from '../shared/notice.svelte';

async function challengeListOf(workshopId: string): Promise<string> {
  const detail = await api.workshopDetail(workshopId);
  const list = detail.challenge_lists[0] ?? (await api.createChallengeList(workshopId, t('challenges.default_title')));
  return list.id;
}

async function actorMapOf(workshopId: string): Promise<string> {
  const detail = await api.workshopDetail(workshopId);
  const map = detail.actor_maps[0] ?? (await api.createActorMap(workshopId, t('actors.default_title')));
  return map.id;
}

export async function toChallenge(workshopId: string, what: { kind: 'card' | 'cluster'; id: string }): Promise<void> {
  const listId = await challengeListOf(workshopId);
  const applied =
    what.kind === 'card' ? await api.challengeFromCard(listId, what.id) : await api.challengeFromCluster(listId, what.id);
  inform(t('promote.challenge_done', { title: applied.value.title }));
}

export async function toActor(workshopId: string, cardId: string): Promise<void> {
  const mapId = await actorMapOf(workshopId);
  const view = await api.actorMapView(mapId);
  const sector = view.sectors[0];
  if (!sector) throw new Error('the actor map has no sector');
  const applied = await api.actorFromCard(mapId, cardId, sector.id);
  inform(t('promote.actor_done', { name: applied.value.name }));
}
