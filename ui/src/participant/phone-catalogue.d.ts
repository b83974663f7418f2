// Made at build time from the catalogue (vite.participant.config.ts).
declare module 'virtual:phone-catalogue' {
  export const de: Readonly<Record<string, string>>;
  export const en: Readonly<Record<string, string>>;
}
