// Which part of the catalogue the phone's page carries: its own words, the
// refusals and their parameters (the laptop sends `error.*` keys naming
// `field.*`, `entity.*` or `photo_problem.*`; never a workshop file's
// `file_problem.*`, as phones import no files), and the few shared ones it
// shows. vite.participant.config.ts builds the phone's catalogue from these;
// a test checks every key the page asks for is covered.
export const PHONE_KEY_PREFIXES = [
  'phone.',
  'error.',
  'field.',
  'entity.',
  'photo_problem.',
  'limit.',
  'dimension.',
  'question_state.',
  'color.',
  'common.',
  'app.',
] as const;

export function forPhones(key: string): boolean {
  return PHONE_KEY_PREFIXES.some((p) => key.startsWith(p));
}

/** The part of `catalogue` the phone's page carries. */
export function phoneCatalogue(catalogue: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(catalogue).filter(([key]) => forPhones(key)));
}
