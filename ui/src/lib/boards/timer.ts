import type { Timer } from '../api';

/** Milliseconds left on the countdown at `now` (never below zero). */
export function remainingMs(timer: Timer, now: number = Date.now()): number {
  const running = timer.started_at ? Math.max(0, now - Date.parse(timer.started_at)) : 0;
  return Math.max(0, timer.duration_seconds * 1000 - timer.elapsed_ms - running);
}

/** 9:05, 10:00, 0:00 — minutes and seconds, rounded up so 0:00 means time is up. */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
