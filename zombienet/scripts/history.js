// The test feed's whole history on the finalized chain: round ids close strictly increasing and
// without gaps, every resolved round still in the SLA ring has a record with its value, the
// rounds still in the buffer hold the values they resolved with, and `latest` names the last.
//
// Returns the number of rounds that resolved.
const lib = require('./lib');

async function run(nodeName, networkInfo) {
  const api = await lib.connect(networkInfo, nodeName);
  const feedId = await lib.ensureFeed(api);
  const finalized = await lib.finalizedNumber(api);
  const closed = [];
  await lib.followFinalized(api, 0, async (number, hash, at) => {
    for (const round of await lib.closedRounds(api, at, feedId)) closed.push({ ...round, number });
    return number >= finalized;
  });
  for (let i = 1; i < closed.length; i += 1) {
    if (closed[i].roundId !== closed[i - 1].roundId + 1) {
      throw new Error(`round ${closed[i].roundId} closed after ${closed[i - 1].roundId}`);
    }
  }
  const at = await api.at(await api.rpc.chain.getBlockHash(finalized));
  const config = (await at.query.oracleAggregation.feeds(feedId)).unwrap();
  const history = api.consts.oracleSla.maxSlaHistory.toNumber();
  const resolved = closed.filter((round) => round.value !== null);
  const recent = (round, count) => round.roundId + count > closed[closed.length - 1].roundId;
  for (const round of resolved) {
    if (recent(round, history)) {
      const record = await lib.slaRecord(at, feedId, round.roundId);
      if (record.value.unwrap().toBigInt() !== round.value) {
        throw new Error(`SLA record of round ${round.roundId} holds another value`);
      }
    }
    if (recent(round, config.bufferLen.toNumber())) {
      const stored = await at.query.oracleAggregation.rounds(feedId, round.roundId);
      if (stored.isNone || stored.unwrap().value.toBigInt() !== round.value) {
        throw new Error(`round ${round.roundId} is not in the buffer with its value`);
      }
    }
  }
  const latest = (await at.query.oracleAggregation.latest(feedId)).unwrap();
  const last = resolved[resolved.length - 1];
  if (!last || latest.round.isNone || latest.round.unwrap().roundId.toNumber() < last.roundId) {
    throw new Error(`latest does not hold the last resolved round: ${JSON.stringify(latest.toJSON())}`);
  }
  lib.log({
    closed: closed.length,
    resolved: resolved.length,
    timedOut: closed.length - resolved.length,
    rounds: [closed[0]?.roundId, closed[closed.length - 1]?.roundId],
    finalized,
  });
  await api.disconnect();
  return resolved.length;
}

module.exports = { run };
