// Run on bob after his restart: he syncs up to the finalized block alice had when he came back,
// then his values are in rounds again (his SLA entries: submitted, not missing).
//
// Returns 1 once both happened.
const lib = require('./lib');

async function run(nodeName, networkInfo) {
  const api = await lib.connect(networkInfo, nodeName);
  const aliceApi = await lib.connect(networkInfo, 'alice');
  const { bob } = lib.accounts();
  const target = await lib.finalizedNumber(aliceApi);
  for (;;) {
    const own = await lib.finalizedNumber(api);
    if (own >= target) {
      lib.log({ synced: own, aliceFinalizedAtRestart: target });
      break;
    }
    await lib.sleep(2_000);
  }
  const feedId = await lib.ensureFeed(api);
  await lib.followFinalized(api, target, async (number, hash, at) => {
    for (const round of await lib.closedRounds(api, at, feedId)) {
      const record = await lib.slaRecord(at, feedId, round.roundId);
      const missing = record.missing.map((account) => account.toString());
      lib.log({ block: number, ...lib.summary(record) });
      if (round.value !== null && !missing.includes(bob.address)) return true;
    }
    return false;
  });
  await Promise.all([api.disconnect(), aliceApi.disconnect()]);
  return 1;
}

module.exports = { run };
