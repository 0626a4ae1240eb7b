// The node's finalized height grows: it reads the finalized block, waits until it is `args[0]`
// (default 3) blocks further, and returns by how much it grew.
const lib = require('./lib');

async function run(nodeName, networkInfo, args) {
  const growth = Number(args[0] || 3);
  const api = await lib.connect(networkInfo, nodeName);
  const from = await lib.finalizedNumber(api);
  let now = from;
  while (now < from + growth) {
    await lib.sleep(2_000);
    now = await lib.finalizedNumber(api);
  }
  lib.log({ node: nodeName, finalizedFrom: from, finalizedTo: now });
  await api.disconnect();
  return now - from;
}

module.exports = { run };
