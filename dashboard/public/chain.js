// The connection to the node: polkadot.js's provider and API (the browser bundles loaded before
// the page's modules), which reconnect by themselves. Tells the page when the node is out of
// reach and hands it each new block's header; knows the chain's name and token.

/// Connects to the node at `rpc` (ws:// or wss://), retrying every `retryMs`; calls `onHeader`
/// with each new head, `onOffline` whenever the node is out of reach, and `onFailure` with an
/// error that stopped the page from following the chain. Returns what it knows of the chain.
export const connectChain = (rpc, { retryMs, onHeader, onOffline, onFailure }) => {
  const { ApiPromise, WsProvider } = globalThis.polkadotApi;
  const chain = {
    api: undefined,
    connected: false,
    disconnectedAt: undefined, // when the node went out of reach (this computer's clock)
    info: undefined, // { name, symbol, decimals }
    started: false,
    starting: false,
  };

  /// Reads the chain's name and token, then follows new blocks.
  const start = async () => {
    if (chain.started || chain.starting) return;
    chain.starting = true;
    try {
      const api = chain.api;
      const [name, properties] = await Promise.all([api.rpc.system.chain(), api.rpc.system.properties()]);
      const decimals = properties.tokenDecimals.isSome ? properties.tokenDecimals.unwrap()[0].toNumber() : 12;
      chain.info = {
        name: name.toString(),
        symbol: properties.tokenSymbol.isSome ? properties.tokenSymbol.unwrap()[0].toString() : 'UNIT',
        decimals: Math.min(decimals, 36),
      };
      await api.rpc.chain.subscribeNewHeads((header) => {
        chain.connected = true;
        onHeader(header);
      });
      chain.started = true;
    } catch (error) {
      onFailure(error);
    } finally {
      chain.starting = false;
    }
  };

  const provider = new WsProvider(rpc, retryMs);
  // After a reconnection the provider subscribes again to what the page followed; a start that
  // failed (the node went away meanwhile) is tried again.
  provider.on('connected', () => {
    chain.connected = true;
    chain.disconnectedAt = undefined;
    if (chain.api?.isConnected && !chain.started) setTimeout(start, 500);
  });
  provider.on('disconnected', () => {
    if (chain.connected || chain.disconnectedAt === undefined) chain.disconnectedAt = Date.now();
    chain.connected = false;
    onOffline();
  });
  provider.on('error', () => {
    if (!chain.connected) {
      chain.disconnectedAt ??= Date.now();
      onOffline();
    }
  });
  const api = new ApiPromise({ provider, noInitWarn: true });
  // An unreachable node is shown by the page; the promise's rejection is not an error of it.
  api.isReadyOrError.catch(() => {});
  chain.api = api;
  api.on('ready', start);
  return chain;
};
