import { describe, expect, it } from 'vitest';
import { de } from '../lib/i18n/de';
import { forPhones, phoneCatalogue } from './phone-keys';
import client from './client.ts?raw';
import participant from './Participant.svelte?raw';

describe("the phone's part of the catalogue", () => {
  it('holds every key the page names, and every refusal the laptop can send', () => {
    const page = `${participant}\n${client}`;
    const named = [...page.matchAll(/\bt\('([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]!);
    const prefixes = [...page.matchAll(/\bt\(`([a-z_]+\.)\$\{/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(40);
    for (const key of [...named, ...prefixes]) expect(forPhones(key), key).toBe(true);
    const phone = phoneCatalogue(de);
    for (const key of named) expect(phone[key], key).toBeDefined();
    for (const key of Object.keys(de).filter((k) => k.startsWith('error.'))) expect(phone[key], key).toBeDefined();
  });

  it('leaves the window\'s own words out', () => {
    const phone = phoneCatalogue(de);
    expect(Object.keys(phone).length).toBeLessThan(Object.keys(de).length / 2);
    expect(phone['shortcuts.undo']).toBeUndefined();
  });
});
