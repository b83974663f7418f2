// The laptop sends a phone what changed in its day, not the whole day again
// (src/join/patch.rs makes these patches): a value whole, an object by key,
// or an array of objects with distinct ids (`id` or `board_id`) by id:
// the old order without `drop`, then `add`; or the whole order in `ids`.
export type Patch =
  | { '=': unknown }
  | { o: Record<string, Patch>; x?: string[] }
  | { a: { ids?: string[]; drop?: string[]; add?: string[]; set: Record<string, Patch> } };

type WithId = { id?: string; board_id?: string };
/** An object's id: its `id`, or its `board_id` (a group's board). */
const idOf = (v: WithId) => v.id ?? v.board_id ?? '';

/** `old` with `p` applied; `old` itself is left as it was. */
export function applyPatch(old: unknown, p: Patch): unknown {
  if ('=' in p) return p['='];
  if ('o' in p) {
    const out: Record<string, unknown> = { ...((old ?? {}) as Record<string, unknown>) };
    for (const [k, q] of Object.entries(p.o)) out[k] = applyPatch(out[k], q);
    for (const k of p.x ?? []) delete out[k];
    return out;
  }
  const before = (Array.isArray(old) ? old : []) as WithId[];
  const byId = new Map(before.map((v) => [idOf(v), v]));
  const dropped = new Set(p.a.drop ?? []);
  const ids = p.a.ids ?? [...before.map(idOf).filter((id) => !dropped.has(id)), ...(p.a.add ?? [])];
  return ids.map((id) => {
    const q = p.a.set[id];
    return q ? applyPatch(byId.get(id), q) : byId.get(id);
  });
}
