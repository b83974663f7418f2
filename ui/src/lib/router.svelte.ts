// A handful of screens, no URLs to share: a small state machine is all the routing needed.
export type Route =
  | { name: 'workshops' }
  | { name: 'workshop'; workshopId: string }
  | { name: 'board'; workshopId: string; boardId: string }
  | { name: 'actors'; workshopId: string; mapId: string }
  | { name: 'challenges'; workshopId: string; listId: string };

export const router = $state<{ route: Route }>({ route: { name: 'workshops' } });

export function go(route: Route): void {
  router.route = route;
}
