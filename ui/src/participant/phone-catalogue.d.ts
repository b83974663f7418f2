// Made at build time from the catalogue and lang/ (vite.participant.config.ts).
declare module 'virtual:phone-catalogue' {
  export const de: Readonly<Record<string, string>>;
  export const languages: { code: string; name: string; dir: 'ltr' | 'rtl' }[];
}
declare module 'virtual:phone-catalogue-en' {
  const en: Readonly<Record<string, string>>;
  export default en;
}
