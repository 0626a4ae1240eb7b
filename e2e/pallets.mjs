// Connects to an oracle node with @polkadot/api and prints the runtime's pallets, one per line,
// as polkadot.js names them (`api.query.<name>`), after the chain name and the best block.
//
// Usage: node pallets.mjs [ws://127.0.0.1:9944]
import { ApiPromise, WsProvider } from '@polkadot/api';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
try {
  const [chain, header] = await Promise.all([api.rpc.system.chain(), api.rpc.chain.getHeader()]);
  console.error(`connected to ${chain} at block #${header.number.toNumber()}`);
  for (const pallet of Object.keys(api.query).sort()) {
    console.log(pallet);
  }
} finally {
  await api.disconnect();
}
