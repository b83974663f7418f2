// An agenda item's questions, poll or groups, followed as phones and the
// facilitator change them: one reload per burst of changes.
import { onChange } from '../api/changes';

export async function followItem(itemId: string, reload: () => Promise<void>): Promise<() => void> {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const unlisten = await onChange('item', (subject) => {
    if (subject.item_id !== itemId || pending) return;
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
