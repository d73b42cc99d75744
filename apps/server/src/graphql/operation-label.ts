/** Most distinct operation names kept as metric labels; later ones count as `other`. */
const MAX_LABELS = 200;

const seen = new Set<string>();

/**
 * An operation name that is safe as a metric label. Clients choose names, so without a cap a
 * client could grow the metrics without bound.
 */
export function operationLabel(operationName: string | null | undefined): string {
  if (!operationName) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(operationName)) return 'other';
  if (seen.has(operationName)) return operationName;
  if (seen.size >= MAX_LABELS) return 'other';

  seen.add(operationName);
  return operationName;
}
