// Ids for retried writes. The page is served over plain HTTP on the room's
// network, which is not a secure context: crypto.randomUUID does not exist
// there, crypto.getRandomValues does.
export function requestId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
