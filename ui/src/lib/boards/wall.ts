// What the projector puts on the wall for one field: the face-up cards in
// wall order (each cluster's, then the loose ones), as many as a projected
// screen can hold. A projector cannot scroll, so a field of hundreds of cards
// shows its first ones and says how many more there are, instead of laying
// out cards nobody in the room can see.
import type { Card, Cluster, FieldView } from '../api';

export interface Wall {
  clusters: { cluster: Cluster; cards: Card[] }[];
  loose: Card[];
  /** Face-up cards beyond the limit. */
  more: number;
}

export function wall(field: FieldView, limit: number): Wall {
  const members = new Map<string, Card[]>(field.clusters.map((k) => [k.id, []]));
  const loose: Card[] = [];
  for (const card of field.cards) {
    if (card.hidden) continue;
    (card.cluster_id === null ? loose : members.get(card.cluster_id))?.push(card);
  }
  let room = limit;
  let more = 0;
  const take = (cards: Card[]): Card[] => {
    const shown = cards.slice(0, Math.max(0, room));
    room -= shown.length;
    more += cards.length - shown.length;
    return shown;
  };
  const clusters = field.clusters.map((cluster) => ({ cluster, cards: take(members.get(cluster.id) ?? []) }));
  return { clusters, loose: take(loose), more };
}
