// An agenda item's questions or poll, followed as phones and the
// facilitator change them: one reload per burst of changes.
import { events } from '../api/bindings';

export async function followItem(itemId: string, reload: () => Promise<void>): Promise<() => void> {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const unlisten = await events.itemChanged.listen((e) => {
    if (e.payload.item_id !== itemId || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      reload().catch(() => {});
    }, 120);
  });
  return () => {
    unlisten();
    clearTimeout(pending);
  };
}
