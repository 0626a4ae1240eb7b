// Delivery over XCM under a relay chain: subscribes the consumer chain (para 2001, node charlie)
// to the test feed with sudo on the oracle chain, then checks that every round the oracle chain
// delivers is stored by the consumer chain's `oracleConsumer` pallet with the same round id and
// value, and measures how long it takes: relay blocks between the relay parents of the oracle
// block that resolved the round and of the consumer block that stored it, and milliseconds
// between the two chains' timestamps.
//
// Args: how many delivered rounds to check (default 3).
// Returns how many rounds arrived intact within the bound.
const lib = require('./lib');

const CONSUMER_PARA = 2001;
/// The most relay blocks a delivery may take: the message leaves with the oracle chain's next
/// candidate, the relay chain routes it when that candidate is included, and the consumer
/// chain executes it in its next block.
const MAX_RELAY_BLOCKS = 10;

/// The relay-chain block a parachain block was built on.
const relayParent = async (apiAt) =>
  (await apiAt.query.parachainSystem.lastRelayChainBlockNumber()).toNumber();

async function run(nodeName, networkInfo, args) {
  const wanted = Number(args[0] || 3);
  const oracle = await lib.connect(networkInfo, nodeName);
  const consumer = await lib.connect(networkInfo, 'charlie');
  const feedId = await lib.ensureFeed(oracle);

  // The receiver's pallet and call index, from the consumer chain's own metadata.
  const pallet = consumer.runtimeMetadata.asLatest.pallets.find(
    (p) => p.name.toString() === 'OracleConsumer',
  );
  const target = {
    palletIndex: pallet.index.toNumber(),
    callIndex: consumer.tx.oracleConsumer.deliver.callIndex[1],
    // The most one delivery may take there: enough for this test's one feed (a subscription
    // of 16 feeds names the consumer's whole MaxDeliveryWeight, 13.2e9 and 295 KB). The
    // consumer's barrier refuses a message heavier than this, or than its own bound.
    maxWeight: { refTime: 10_000_000_000, proofSize: 1_000_000 },
  };
  const subscribed = async (at) =>
    (await at.query.oracleDelivery.subscriptions.entries(CONSUMER_PARA)).length > 0;
  if (!(await subscribed(oracle))) {
    await lib.sudoUntilFinal(
      oracle,
      oracle.tx.oracleDelivery.subscribe(CONSUMER_PARA, [feedId], target, 'EveryRound'),
      'subscribe',
      subscribed,
    );
    lib.log({ subscribed: CONSUMER_PARA, feedId, target });
  }

  // Rounds the oracle chain resolved and sent, by round id.
  const sent = new Map();
  let arrived = 0;
  const slowest = { relayBlocks: 0, ms: 0 };
  await lib.followFinalized(oracle, await lib.finalizedNumber(oracle), async (number, hash, at) => {
    const events = await at.query.system.events();
    const delivered = events.some(
      ({ event }) =>
        oracle.events.oracleDelivery.RoundsDelivered.is(event) &&
        event.data.para.toNumber() === CONSUMER_PARA,
    );
    for (const { event } of events) {
      if (
        oracle.events.oracleDelivery.DeliveryFailed.is(event) &&
        event.data.para.toNumber() === CONSUMER_PARA
      ) {
        throw new Error(`delivery failed in oracle block ${number}: ${event.data.failure}`);
      }
    }
    if (delivered) {
      for (const round of await lib.closedRounds(oracle, at, feedId)) {
        if (round.value === null) continue;
        sent.set(round.roundId, { ...round, block: number, relay: await relayParent(at) });
      }
    }
    // What the consumer chain has stored so far (its best block).
    const history = await consumer.query.oracleConsumer.history(feedId);
    for (const received of history) {
      const roundId = received.roundId.toNumber();
      const round = sent.get(roundId);
      if (!round || round.checked) continue;
      if (received.value.toBigInt() !== round.value) {
        throw new Error(`round ${roundId}: the consumer stored ${received.value}, not ${round.value}`);
      }
      const consumerHash = await consumer.rpc.chain.getBlockHash(received.receivedIn);
      const consumerRelay = await relayParent(await consumer.at(consumerHash));
      const relayBlocks = consumerRelay - round.relay;
      const ms = received.receivedAtMs.toNumber() - received.timestampMs.toNumber();
      lib.log({
        round: roundId,
        value: `${round.value}`,
        oracleBlock: round.block,
        consumerBlock: received.receivedIn.toNumber(),
        relayBlocks,
        ms,
      });
      if (relayBlocks > MAX_RELAY_BLOCKS) {
        throw new Error(`round ${roundId} took ${relayBlocks} relay blocks (most: ${MAX_RELAY_BLOCKS})`);
      }
      slowest.relayBlocks = Math.max(slowest.relayBlocks, relayBlocks);
      slowest.ms = Math.max(slowest.ms, ms);
      round.checked = true;
      arrived += 1;
    }
    return arrived >= wanted;
  });
  lib.log({ arrived, slowest });
  await oracle.disconnect();
  await consumer.disconnect();
  return arrived;
}

module.exports = { run };
