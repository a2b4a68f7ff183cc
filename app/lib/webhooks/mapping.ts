/**
 * The service-mapping rule of a webhook source (pure): "<repository / project / label value> =
 * <service>" lines, matched case-insensitively, with a default service for the rest.
 */
export type MappingRule = { matchValue: string; serviceId: number };

/** The first key that a rule names, else the default; `matched` says which key (or "default"). */
export function resolveService(
  rules: readonly MappingRule[],
  defaultServiceId: number | null,
  keys: readonly string[],
): { serviceId: number; matched: string } | null {
  const byKey = new Map(rules.map((r) => [r.matchValue.trim().toLowerCase(), r.serviceId]));
  for (const key of keys) {
    const hit = byKey.get(key.trim().toLowerCase());
    if (hit !== undefined) return { serviceId: hit, matched: key };
  }
  return defaultServiceId === null ? null : { serviceId: defaultServiceId, matched: "default" };
}

export type MappingLine = { line: number; matchValue: string; serviceName: string };
export type MappingParse = { lines: MappingLine[]; errors: string[] };

export const MAX_MAPPING_LINES = 200;

/**
 * Parses the mapping textarea: one "<value> = <service>" per line ("->" or "→" also separate);
 * blank lines and lines starting with # are skipped. Errors name the line.
 */
export function parseMappingText(text: string): MappingParse {
  const lines: MappingLine[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (!t || t.startsWith("#")) return;
    const m = /^(.+?)\s*(?:=|->|→)\s*(.+)$/.exec(t);
    if (!m) {
      errors.push(`line ${line}: write "<value> = <service>"`);
      return;
    }
    const matchValue = m[1].trim();
    const serviceName = m[2].trim();
    if (matchValue.length > 300) errors.push(`line ${line}: the value is longer than 300 characters`);
    // eslint-disable-next-line no-control-regex -- the point: refuse control characters
    else if (/[\u0000-\u001f]/.test(matchValue)) errors.push(`line ${line}: the value holds a control character`);
    else {
      const key = matchValue.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) errors.push(`line ${line}: "${matchValue}" is already mapped on line ${first}`);
      else {
        seen.set(key, line);
        lines.push({ line, matchValue, serviceName });
      }
    }
  });
  if (lines.length > MAX_MAPPING_LINES) errors.push(`at most ${MAX_MAPPING_LINES} rules per source`);
  return { lines, errors };
}

/** The rules as the textarea shows them. */
export function mappingText(rules: readonly { matchValue: string; serviceName: string }[]): string {
  return rules.map((r) => `${r.matchValue} = ${r.serviceName}`).join("\n");
}
