// Oracle end to end under a relay chain: the test feed (created with sudo if it does not exist
// yet) resolves rounds that both operators answered, each value within the honest venues'
// spread around the price server's true price, and every closed round has its SLA record.
//
// Args: the number of rounds both operators must have answered (default 3).
// Returns how many such rounds it saw.
const lib = require('./lib');

async function run(nodeName, networkInfo, args) {
  const wanted = Number(args[0] || 3);
  const api = await lib.connect(networkInfo, nodeName);
  const { alice, bob } = lib.accounts();
  const feedId = await lib.ensureFeed(api);
  let both = 0;
  await lib.followFinalized(api, await lib.finalizedNumber(api), async (number, hash, at) => {
    for (const round of await lib.closedRounds(api, at, feedId)) {
      const record = await lib.slaRecord(at, feedId, round.roundId);
      lib.log({ block: number, ...lib.summary(record) });
      if (record.expected.toNumber() !== 2) {
        throw new Error(`round ${round.roundId} expected ${record.expected} operators, not 2`);
      }
      if (round.value === null) continue;
      if (!record.status.isResolved || record.value.unwrap().toBigInt() !== round.value) {
        throw new Error(`the SLA record differs from the round: ${JSON.stringify(record.toJSON())}`);
      }
      const { low, high, ticks } = await lib.envelope();
      const within = low <= round.value && round.value <= high;
      lib.log({ round: round.roundId, value: `${round.value}`, low: `${low}`, high: `${high}`, ticks });
      if (!within) throw new Error(`round ${round.roundId} resolved outside the venues' spread`);
      const missing = record.missing.map((account) => account.toString());
      if (missing.includes(alice.address) || missing.includes(bob.address)) continue;
      if (record.submitted.toNumber() === 2 && record.accepted.toNumber() === 2) both += 1;
    }
    return both >= wanted;
  });
  await api.disconnect();
  return both;
}

module.exports = { run };
