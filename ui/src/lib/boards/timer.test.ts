import { describe, expect, it } from 'vitest';
import { formatClock, remainingMs } from './timer';

describe('timer', () => {
  const start = Date.parse('2026-11-22T10:00:00Z');

  it('counts down from the duration while running', () => {
    const t = { duration_seconds: 600, elapsed_ms: 0, started_at: '2026-11-22T10:00:00Z' };
    expect(remainingMs(t, start + 61_000)).toBe(539_000);
    expect(formatClock(remainingMs(t, start + 61_000))).toBe('8:59');
  });

  it('keeps the time that ran before a pause', () => {
    const t = { duration_seconds: 600, elapsed_ms: 120_000, started_at: null };
    expect(formatClock(remainingMs(t, start + 999_999))).toBe('8:00');
  });

  it('stops at zero', () => {
    const t = { duration_seconds: 60, elapsed_ms: 0, started_at: '2026-11-22T10:00:00Z' };
    expect(remainingMs(t, start + 3_600_000)).toBe(0);
    expect(formatClock(0)).toBe('0:00');
  });
});
