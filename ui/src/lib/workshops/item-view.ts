// An agenda item's own page, part by part, decided in one switch over the
// core's item view: a new kind of page that the laptop does not show is a
// type error here, for the item's page and the projector alike.
import type { ItemGroups, ItemMatrix, ItemPoll, ItemQuestions, ItemView, ItemWordCloud } from '../api';

export type ItemParts = {
  questions: ItemQuestions | null;
  poll: ItemPoll | null;
  groups: ItemGroups | null;
  cloud: ItemWordCloud | null;
  matrix: ItemMatrix | null;
};

const none: ItemParts = { questions: null, poll: null, groups: null, cloud: null, matrix: null };

export function itemParts(view: ItemView | null): ItemParts {
  if (!view) return none;
  switch (view.kind) {
    case 'plain':
      return none;
    case 'questions':
      return { ...none, questions: view.questions };
    case 'poll':
      return { ...none, poll: view.poll };
    case 'groups':
      return { ...none, groups: view.groups };
    case 'word_cloud':
      return { ...none, cloud: view.cloud };
    case 'impact_effort':
      return { ...none, matrix: view.matrix };
    default: {
      const unshown: never = view;
      return unshown;
    }
  }
}
