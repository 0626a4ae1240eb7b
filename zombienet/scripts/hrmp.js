// Opens HRMP channels both ways between two parachains with relay-chain sudo (Alice):
// `hrmp.forceOpenHrmpChannel` each way at the relay's largest capacity and message size, then
// `hrmp.forceProcessHrmpOpen` so that they open now rather than at the next session.
//
// Args: "<para>,<para>".
// Returns how many of the two channels are open.
const lib = require('./lib');

async function run(nodeName, networkInfo, args) {
  const [a, b] = String(args[0]).split(',').map(Number);
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
    const calls = [];
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
