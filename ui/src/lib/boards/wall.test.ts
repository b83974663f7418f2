import { describe, expect, it } from 'vitest';
import type { Card, Cluster, FieldView } from '../api';
import { wall } from './wall';

function card(id: string, cluster_id: string | null = null, hidden = false): Card {
  return { id, field_id: 'f', cluster_id, position: 0, text: id, color: 'yellow', author: '', hidden, dots: 0, created_at: '' };
}

function field(cards: Card[], clusters: string[] = []): FieldView {
  return {
    field: { id: 'f' },
    clusters: clusters.map((id) => ({ id, heading: id }) as Cluster),
    cards,
  } as FieldView;
}

const texts = (cards: Card[]) => cards.map((c) => c.text);

describe('wall', () => {
  it('puts each cluster first, then the loose cards, and leaves hidden cards out', () => {
    const w = wall(field([card('a'), card('b', 'k'), card('c', null, true), card('d', 'k')], ['k']), 10);
    expect(w.clusters.map((k) => texts(k.cards))).toEqual([['b', 'd']]);
    expect(texts(w.loose)).toEqual(['a']);
    expect(w.more).toBe(0);
  });

  it('stops at the limit in wall order and counts the rest', () => {
    const cards = [card('k1', 'k'), card('k2', 'k'), card('l1'), card('l2'), card('l3')];
    const w = wall(field(cards, ['k']), 3);
    expect(w.clusters.map((k) => texts(k.cards))).toEqual([['k1', 'k2']]);
    expect(texts(w.loose)).toEqual(['l1']);
    expect(w.more).toBe(2);
  });

  it('keeps a cluster heading even when no card of it fits any more', () => {
    const w = wall(field([card('l1'), card('k1', 'k'), card('k2', 'j')], ['k', 'j']), 1);
    expect(w.clusters.map((k) => [k.cluster.id, texts(k.cards)])).toEqual([['k', ['k1']], ['j', []]]);
    expect(w.more).toBe(2);
  });
});
