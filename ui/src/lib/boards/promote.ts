// A card or cluster of a board becomes a challenge or an actor in one move.
// Where it goes (the workshop's first list or map, created if missing) is
// the core's decision; here the facilitator is told what happened.
import { api } from '../api';
import { t } from '../i18n/index.svelte';
import { inform } from '../shared/notice.svelte';

export async function toChallenge(what: { kind: 'card' | 'cluster'; id: string }): Promise<void> {
  const applied = await api.promoteToChallenge(what);
  inform(t('promote.challenge_done', { title: applied.value.title }));
}

/** `sector`: the place of the chosen sector in `api.promotionSectors`. */
export async function toActor(cardId: string, sector: number): Promise<void> {
  const applied = await api.promoteToActor(cardId, sector);
  inform(t('promote.actor_done', { name: applied.value.name }));
}
