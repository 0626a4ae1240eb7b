// With bob stopped: the chain keeps finalizing blocks authored by alice alone, the test feed's
// rounds still close (one value is its quorum), and their SLA records name bob as missing while
// alice answered.
//
// Args: how many rounds must record bob missing (default 2).
// Returns how many closed rounds recorded bob missing.
const lib = require('./lib');

async function run(nodeName, networkInfo, args) {
  const wanted = Number(args[0] || 2);
  const api = await lib.connect(networkInfo, nodeName);
  const { alice, bob } = lib.accounts();
  const feedId = await lib.ensureFeed(api);
  const from = await lib.finalizedNumber(api);
  let bobMissing = 0;
  let resolvedWithoutBob = 0;
  const last = await lib.followFinalized(api, from, async (number, hash, at) => {
    for (const round of await lib.closedRounds(api, at, feedId)) {
      const record = await lib.slaRecord(at, feedId, round.roundId);
      const missing = record.missing.map((account) => account.toString());
      lib.log({ block: number, ...lib.summary(record) });
      if (!missing.includes(bob.address)) continue;
      if (missing.includes(alice.address)) {
        throw new Error(`alice, still running, is missing from round ${round.roundId}`);
      }
      bobMissing += 1;
      if (round.value !== null) resolvedWithoutBob += 1;
    }
    return bobMissing >= wanted && resolvedWithoutBob >= 1 && number >= from + 5;
  });
  lib.log({ finalizedFrom: from, finalizedTo: last, bobMissing, resolvedWithoutBob });
  await api.disconnect();
  return bobMissing;
}

module.exports = { run };
