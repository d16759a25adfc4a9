/** A country's name in the operator's language ("Kroatien" for HR in German); the code when the browser cannot name it. */
export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
