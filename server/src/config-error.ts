/** A bad environment: the message lists one line per problem, and the process exits 78 (EX_CONFIG). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
