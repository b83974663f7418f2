// The workshop day that runs: which agenda item, started from the agenda,
// moved on with "Weiter", followed by every page of the facilitator's window.
import { api, type AgendaItem } from '../api';
import { onChange } from '../api/changes';
import { go, open } from '../router.svelte';
import { hasItemPage, workspaceOf } from './day';
import { workshops } from './workshops.svelte';

export const running = $state<{ workshopId: string | null; date: string; item: AgendaItem | null }>({
  workshopId: null,
  date: '',
  item: null,
});

/** Takes the running item from a workshop just loaded (after a restart too). */
export function noteWorkshop(workshopId: string, date: string, agenda: AgendaItem[]): void {
  const item = agenda.find((a) => a.running_since) ?? null;
  if (item || running.workshopId === workshopId) {
    running.workshopId = workshopId;
    running.date = date;
    running.item = item;
  }
}

function moved(workshopId: string, item: AgendaItem | null) {
  running.workshopId = workshopId;
  running.item = item;
  const detail = workshops.detail;
  if (detail && detail.workshop.id === workshopId) {
    running.date = detail.workshop.date;
    // Times of the item that ran before changed too: reload the agenda.
    api.workshopDetail(workshopId).then((d) => {
      if (workshops.detail?.workshop.id === workshopId) workshops.detail.agenda = d.agenda;
    });
  }
}

let following = false;
/** Listens for items started in this or another window. */
export async function followDay(): Promise<void> {
  if (following) return;
  following = true;
  await onChange('agenda', (subject) => moved(subject.workshop_id, subject.item));
}

/** Shows the item's workspace on the laptop (and so on the projector). */
function show(workshopId: string, item: AgendaItem | null) {
  const ws = workspaceOf(item?.activity);
  if (ws) open(workshopId, ws.kind, ws.id);
  else if (item && hasItemPage(item.activity)) go({ name: 'item', workshopId, itemId: item.id });
  else go({ name: 'workshop', workshopId });
}

export async function startItem(workshopId: string, id: string): Promise<void> {
  const item = await api.startAgendaItem(id);
  moved(workshopId, item);
  show(workshopId, item);
}

export async function nextItem(workshopId: string): Promise<void> {
  const item = await api.nextAgendaItem(workshopId);
  moved(workshopId, item);
  show(workshopId, item);
}

export async function endDay(workshopId: string): Promise<void> {
  await api.endAgenda(workshopId);
  moved(workshopId, null);
}
