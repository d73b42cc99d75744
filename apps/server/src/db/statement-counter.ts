/**
 * Counts SQL statements the ORM sent, for the `/metrics` endpoint and the benchmark's
 * statements-per-request figure.
 */
export const sqlStatementCounter = { count: 0 };
