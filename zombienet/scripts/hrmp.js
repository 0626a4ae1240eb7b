// Opens HRMP channels both ways between two parachains with relay-chain sudo (Alice):
// `hrmp.forceOpenHrmpChannel` each way at the relay's largest capacity and message size, then
// `hrmp.forceProcessHrmpOpen` so that they open now rather than at the next session.
//
// Args: "<para>,<para>" (zombienet splits them at the comma).
// Returns how many of the two channels are open.
const { bnToU8a, stringToU8a, u8aConcat } = require('@polkadot/util');
const lib = require('./lib');

/// A parachain's sovereign account on the relay chain: "para" ++ id (LE), zero-padded.
const sovereign = (id) =>
  u8aConcat(stringToU8a('para'), bnToU8a(id, { bitLength: 32, isLe: true }), new Uint8Array(24));

async function run(nodeName, networkInfo, args) {
  const [a, b] = args.join(',').split(',').map(Number);
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new Error(`two para ids expected, got ${args}`);
  const api = await lib.connect(networkInfo, nodeName);
  const config = await api.query.configuration.activeConfig();
  const capacity = config.hrmpChannelMaxCapacity.toNumber();
  const size = config.hrmpChannelMaxMessageSize.toNumber();
  const channel = (sender, recipient) => ({ sender, recipient });
  const open = async () => {
    let count = 0;
    for (const [sender, recipient] of [[a, b], [b, a]]) {
      if ((await api.query.hrmp.hrmpChannels(channel(sender, recipient))).isSome) count += 1;
    }
    return count;
  };
  if ((await open()) < 2) {
    // The channels' deposits, if the relay's configuration asks for any, come from the
    // parachains' sovereign accounts there.
    const deposit = config.hrmpSenderDeposit.toBigInt() + config.hrmpRecipientDeposit.toBigInt();
    const calls = [a, b].map((id) =>
      api.tx.balances.forceSetBalance(sovereign(id), deposit * 10n + 1_000_000_000_000_000n),
    );
    for (const [sender, recipient] of [[a, b], [b, a]]) {
      if ((await api.query.hrmp.hrmpChannels(channel(sender, recipient))).isNone) {
        calls.push(api.tx.hrmp.forceOpenHrmpChannel(sender, recipient, capacity, size));
      }
    }
    await lib.sudo(api, api.tx.utility.batchAll(calls), 'forceOpenHrmpChannel');
    const requests = (await api.query.hrmp.hrmpOpenChannelRequestsList()).length;
    await lib.sudo(api, api.tx.hrmp.forceProcessHrmpOpen(requests), 'forceProcessHrmpOpen');
    lib.log({ opened: `${a}<->${b}`, capacity, size });
  }
  const count = await open();
  await api.disconnect();
  return count;
}

module.exports = { run };
