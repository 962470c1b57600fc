/** Build a zod-friendly tuple of codes plus a code → Chinese label map from one literal table. */
export function labelled<const T extends Record<string, string>>(table: T) {
  const codes = Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
  return { codes, labels: table, label: (code: keyof T & string): string => table[code] };
}
