// The bounds of a feed configuration, checked before it is sent.
//
// A configuration past one of its bounds does not decode in the runtime: the transaction pool
// refuses it with only `1002: Verification Error: Runtime error: Execution failed: … wasm
// `unreachable` instruction executed`, which names nothing. `feedConfigProblems` says which
// bound a configuration passes, in words, before it is signed.
//
// The lengths are the pallet's `MaxNameLen` (32 bytes), `MaxUrlLen` (256), `MaxPathLen` (128)
// and `MaxKeyNameLen` (64), in UTF-8 bytes; the number of sources is the runtime's
// `oracleAggregation.maxSources` constant (10 here).

/// Byte lengths the runtime's types allow.
export const BOUNDS = { name: 32, url: 256, jsonPath: 128, keyName: 64 };

const bytes = (text) => new TextEncoder().encode(text).length;

/// The bounds `config` passes, as sentences; empty when it fits. `api` gives the runtime's
/// `maxSources`.
export const feedConfigProblems = (api, config) => {
  const problems = [];
  const maxSources = api.consts.oracleAggregation.maxSources.toNumber();
  const over = (what, text, limit) => {
    if (bytes(text) > limit) problems.push(`${what} is ${bytes(text)} bytes, more than ${limit}`);
  };
  over('the feed name', config.name, BOUNDS.name);
  if (config.sources.length > maxSources) {
    problems.push(`${config.sources.length} sources, more than the runtime's maxSources (${maxSources})`);
  }
  for (const [index, source] of config.sources.entries()) {
    const which = `source ${index} (${source.name})`;
    over(`${which}: its name`, source.name, BOUNDS.name);
    over(`${which}: its URL`, source.url, BOUNDS.url);
    over(`${which}: its JSON path`, source.jsonPath, BOUNDS.jsonPath);
    if (source.apiKey) {
      over(`${which}: its API-key header`, source.apiKey.header, BOUNDS.keyName);
      over(`${which}: its API-key secret name`, source.apiKey.secret, BOUNDS.keyName);
    }
  }
  return problems;
};
