/** Fills `{placeholder}`s in an operator-written message; unknown ones are left as written (config validation catches them). */
export function renderMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
