// The workshop list and the open workshop, as the core returns them.
import { noteWorkshop, running } from './running.svelte';
import { api, type Activity, type AgendaItem, type AgendaItemInput, type ItemScript, type WorkshopDetail, type WorkshopInput, type WorkshopSummary } from '../api';

export const workshops = $state<{ list: WorkshopSummary[]; detail: WorkshopDetail | null }>({
  list: [],
  detail: null,
});

export async function loadList(): Promise<void> {
  workshops.list = await api.listWorkshops();
}

export async function createWorkshop(input: WorkshopInput): Promise<string> {
  const created = await api.createWorkshop(input);
  await loadList();
  return created.id;
}

export async function openWorkshop(id: string): Promise<void> {
  const detail = await api.workshopDetail(id);
  workshops.detail = detail;
  noteWorkshop(id, detail.workshop.date, detail.agenda);
}

export async function saveHeader(id: string, input: WorkshopInput): Promise<void> {
  const workshop = await api.updateWorkshop(id, input);
  if (workshops.detail?.workshop.id === id) workshops.detail.workshop = workshop;
}

/** Deletes a workshop; returns from how many backups it was removed too. */
export async function deleteWorkshop(id: string): Promise<number> {
  const backups = await api.deleteWorkshop(id);
  workshops.detail = null;
  await loadList();
  return backups;
}

export async function addAgendaItem(workshopId: string, input: AgendaItemInput): Promise<void> {
  const item = await api.addAgendaItem(workshopId, input);
  workshops.detail?.agenda.push(item);
}

export async function updateAgendaItem(id: string, input: AgendaItemInput): Promise<void> {
  const item = await api.updateAgendaItem(id, input);
  const agenda = workshops.detail?.agenda;
  const i = agenda?.findIndex((a) => a.id === id) ?? -1;
  if (agenda && i >= 0) agenda[i] = item;
}

/** The item's activity changed on its own page; its time, title and who stay. */
export function setActivity(item: AgendaItem, activity: Activity): Promise<void> {
  return updateAgendaItem(item.id, {
    start_time: item.start_time.slice(0, 5),
    duration_minutes: item.duration_minutes,
    title: item.title,
    who: item.who,
    activity,
  });
}

/** The item's notes and a group work's assignment, as the facilitator wrote them. */
export async function setScript(id: string, script: ItemScript): Promise<void> {
  const item = await api.setItemScript(id, script);
  const agenda = workshops.detail?.agenda;
  const i = agenda?.findIndex((a) => a.id === id) ?? -1;
  if (agenda && i >= 0) agenda[i] = item;
  // The day bar shows the running item's notes.
  if (running.item?.id === id) running.item = item;
}

export async function deleteAgendaItem(id: string): Promise<void> {
  await api.deleteAgendaItem(id);
  if (workshops.detail) workshops.detail.agenda = workshops.detail.agenda.filter((a) => a.id !== id);
}

export async function createBoard(workshopId: string, templateKey: string): Promise<string> {
  const board = await api.createBoard(workshopId, templateKey);
  await openWorkshop(workshopId);
  return board.board.id;
}

export async function createActorMap(workshopId: string, title: string): Promise<string> {
  const map = await api.createActorMap(workshopId, title);
  await openWorkshop(workshopId);
  return map.id;
}

export async function createChallengeList(workshopId: string, title: string): Promise<string> {
  const list = await api.createChallengeList(workshopId, title);
  await openWorkshop(workshopId);
  return list.id;
}

export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
