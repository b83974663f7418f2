import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { dateInputText, format, formatDate, parseDateInput } from './format';

describe('message catalogues', () => {
  it('have the same keys in German and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('keep the same placeholders in both languages', () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]))].sort();
      expect(names(en[key]), key).toEqual(names(de[key]));
    }
  });
});

describe('format', () => {
  it('translates the field name the core sends inside an error', () => {
    const msg = format('de', 'error.too_long', { field: 'field.card_text', len: 2001, max: 2000 });
    expect(msg).toBe('Der Kartentext ist zu lang: 2001 Zeichen, erlaubt sind höchstens 2000.');
    expect(format('en', 'error.empty', { field: 'field.card_text' })).toBe('The card text must not be empty.');
  });

  it('fills the placeholders of a reason the core sends as a key', () => {
    const params = { reason: 'photo_problem.too_large', max_mb: 30 };
    expect(format('de', 'error.photo_refused', params)).toBe(
      'Das Foto kann nicht übernommen werden: die Datei ist größer als 30 MB.',
    );
    expect(format('en', 'error.photo_refused', params)).not.toContain('{');
  });

  it('shows user text in parameters literally', () => {
    expect(format('de', 'error.unknown_value', { field: 'field.board_template', value: '<b>x</b>' })).toBe(
      'Die Vorlage: „<b>x</b>“ ist nicht bekannt.',
    );
  });

  it('chooses singular or plural by the number, in both languages', () => {
    expect(format('de', 'board.card_count', { count: 1 })).toBe('1 Karte');
    expect(format('de', 'board.card_count', { count: 0 })).toBe('0 Karten');
    expect(format('de', 'workshops.counts', { boards: 1, cards: 2 })).toBe('1 Wandzeitung · 2 Karten');
    expect(format('en', 'workshops.counts', { boards: 2, cards: 1 })).toBe('2 boards · 1 card');
    expect(format('de', 'projector.hidden_count', { count: 1 })).toBe('1 verdeckte Karte');
    expect(format('de', 'challenges.origin', { dots: 1 })).toBe('Aus der Wandzeitung übernommen (1 Punkt dort)');
    expect(format('de', 'error.sector_not_empty', { sector: 'Politik', count: 1 })).toBe(
      'Der Sektor „Politik“ enthält noch 1 Akteur. Ordnen Sie ihn zuerst einem anderen Sektor zu.',
    );
  });

  it('never leaves a plural choice in any message', () => {
    for (const lang of ['de', 'en'] as const) {
      for (const key of Object.keys(de)) {
        const names = [...de[key as keyof typeof de].matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]);
        const params = Object.fromEntries(names.map((n) => [n, 2]));
        expect(format(lang, key, params), key).not.toMatch(/\{\w+\|/);
      }
    }
  });

  it('shows an unknown key instead of nothing', () => {
    expect(format('de', 'error.something_new')).toBe('error.something_new');
  });
});

describe('formatDate', () => {
  it('writes German dates the German way', () => {
    expect(formatDate('de', '2026-11-22', true)).toBe('Sonntag, 22. November 2026');
    expect(formatDate('de', '2026-11-22')).toBe('22.11.2026');
    expect(formatDate('de', '2027-03-01')).toBe('01.03.2027');
    expect(formatDate('de', '2027-03-01', true)).toBe('Montag, 1. März 2027');
    expect(formatDate('en', '2026-11-22', true)).toBe('Sunday, 22 November 2026');
  });
});

describe('date boxes', () => {
  it('show a date day first, as people write it', () => {
    expect(dateInputText('de', '2026-11-23')).toBe('23.11.2026');
    expect(dateInputText('en', '2026-11-23')).toBe('23/11/2026');
    expect(dateInputText('de', '')).toBe('');
  });

  it('read what people type, day first or ISO', () => {
    expect(parseDateInput('23.11.2026')).toBe('2026-11-23');
    expect(parseDateInput(' 1.2.2027 ')).toBe('2027-02-01');
    expect(parseDateInput('23/11/2026')).toBe('2026-11-23');
    expect(parseDateInput('2026-11-23')).toBe('2026-11-23');
    expect(parseDateInput('')).toBe('');
  });

  it('pass what is no calendar day through as typed, for the core to refuse', () => {
    expect(parseDateInput('31.02.2027')).toBe('31.02.2027');
    expect(parseDateInput('morgen')).toBe('morgen');
    expect(parseDateInput('11/23/2026')).toBe('11/23/2026');
  });
});
