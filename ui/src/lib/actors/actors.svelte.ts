// The open actor map. Every change goes to the core first and the map is
// read back, so what is shown is what is stored (maps are small).
import { api, LIMITS, SECTOR_COLORS, type ActorInput, type ActorMapView, type Applied } from '../api';

/** The view is replaced whole after every action, so it is kept raw (no proxies). */
class ActorMapState {
  view = $state.raw<ActorMapView | null>(null);
  selected = $state<string | null>(null);
  mode = $state<'grid' | 'sectors'>('grid');

  /** Forgets the open map, before another one is opened. */
  close(): void {
    this.view = null;
    this.selected = null;
  }
}

export const actorMap = new ActorMapState();

export { INVOLVEMENTS } from '../api';
/** The grid's scale, from the core's bounds. */
export const SCALE = Array.from({ length: LIMITS.scale_max - LIMITS.scale_min + 1 }, (_, i) => LIMITS.scale_min + i);

/** One colour per sector position, readable on white and on the projector. */
/** A sector's colour: the core's list, the same in the PDF. */
export function sectorColor(position: number): string {
  return SECTOR_COLORS[position % SECTOR_COLORS.length] ?? '#555';
}

export async function openActorMap(mapId: string): Promise<void> {
  actorMap.view = await api.actorMapView(mapId);
}

async function after<T>(applied: Applied<T>): Promise<T> {
  if (actorMap.view) actorMap.view = await api.actorMapView(actorMap.view.map.id);
  return applied.value;
}

function mapId(): string {
  if (!actorMap.view) throw new Error('no actor map is open');
  return actorMap.view.map.id;
}

export async function addActor(input: ActorInput): Promise<string> {
  return (await after(await api.addActor(mapId(), input))).id;
}

export async function updateActor(id: string, input: ActorInput): Promise<void> {
  await after(await api.updateActor(id, input));
}

export async function placeActor(id: string, influence: number, interest: number): Promise<void> {
  await after(await api.placeActor(id, influence, interest));
}

export async function deleteActor(id: string): Promise<void> {
  await after(await api.deleteActor(id));
  if (actorMap.selected === id) actorMap.selected = null;
}

export async function addRelation(fromId: string, toId: string, label: string): Promise<void> {
  await after(await api.addActorRelation(fromId, toId, label));
}

export async function deleteRelation(id: string): Promise<void> {
  await after(await api.deleteActorRelation(id));
}

export async function addSector(name: string): Promise<void> {
  await after(await api.addSector(mapId(), name));
}

export async function renameSector(id: string, name: string): Promise<void> {
  await after(await api.renameSector(id, name));
}

export async function deleteSector(id: string): Promise<void> {
  await after(await api.deleteSector(id));
}

export async function step(forward: boolean): Promise<void> {
  await after(await api.stepHistory({ kind: 'actor_map', id: mapId() }, forward));
}

/** A value on the core's scale (1–5), kept inside it. */
export function clampScale(value: number): number {
  return Math.min(LIMITS.scale_max, Math.max(LIMITS.scale_min, Math.round(value)));
}
