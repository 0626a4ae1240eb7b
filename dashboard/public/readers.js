// What each view reads from the chain at one block: through the runtime APIs where the runtime
// has one (`oracleAggregationApi`, `oracleSlaApi`), from storage where it has none (a feed's
// running buffer and SLA records, its open round, staking), and from the node's offchain storage
// for source health. A reader returns plain data for its view; what did not change since the
// last block (a feed's closed rounds, until another closes) is not read again.

/// Rounds drawn in a feed's chart on the feeds view.
export const CHART_ROUNDS = 30;

/// A feed's latest closed round if it carries an answer: a feed whose rounds all timed out holds
/// a round with no answer (answered in round 0).
const answered = (round) => (round && round.answeredInRound.toNumber() !== 0 ? round : undefined);

/// `oracleAggregationApi.freshRound`'s verdict: `fresh`, or why not (`Stale`, `Paused`, …).
const freshness = (fresh) => (fresh.isOk ? 'fresh' : fresh.asErr.type);

/// Reads kept between blocks: each feed's closed rounds, by the latest closed round they were
/// read at (a round in the running buffer never changes; the buffer changes when one closes).
/// And the SLA record of each charted round, for its spread (which no amendment changes).
export const newCache = () => ({ rounds: new Map(), charted: new Map() });

/// A feed's kept rounds (`oracleAggregation.rounds`), newest first, as `[roundId, round]`: read
/// again only once `latestRound` changed.
const keptRounds = async (at, cache, feedId, latestRound) => {
  const cached = cache.rounds.get(feedId);
  if (cached && cached.latestRound === latestRound) return cached.rounds;
  const entries = await at.query.oracleAggregation.rounds.entries(feedId);
  const rounds = entries.map(([key, round]) => [key.args[1].toNumber(), round.unwrap()]).sort((a, b) => b[0] - a[0]);
  cache.rounds.set(feedId, { latestRound, rounds });
  return rounds;
};

/// A feed's SLA records (`oracleSla.records`) by round: read at every block, since a record is
/// amended while its round's late answers are still counted.
const records = async (at, feedId) => {
  const entries = await at.query.oracleSla.records.entries(feedId);
  return new Map(entries.map(([key, record]) => [key.args[1].toNumber(), record.unwrap()]));
};

/// A feed's kept rounds with their SLA records, newest first, as `[roundId, { round, record }]`:
/// a round may have been evicted from the buffer while its record is kept, and the other way.
const history = async (at, cache, feedId, latestRound) => {
  const [rounds, byRound] = await Promise.all([keptRounds(at, cache, feedId, latestRound), records(at, feedId)]);
  const merged = new Map(rounds.map(([roundId, round]) => [roundId, { round }]));
  for (const [roundId, record] of byRound) merged.set(roundId, { ...merged.get(roundId), record });
  return [...merged.entries()].sort((a, b) => b[0] - a[0]);
};

/// Every feed (`latestRounds`, ascending by id) with its configuration (`feedConfig`).
const feedsWithConfig = async (at) => {
  const latest = await at.call.oracleAggregationApi.latestRounds();
  const configs = await Promise.all(latest.map(([id]) => at.call.oracleAggregationApi.feedConfig(id)));
  return latest
    .map(([id, round], index) => ({ id: id.toNumber(), config: configs[index], latest: round.isSome ? round.unwrap() : undefined }))
    .filter((feed) => feed.config.isSome)
    .map((feed) => ({ ...feed, config: feed.config.unwrap() }));
};

/// The SLA records of a feed's charted rounds (`oracleSlaApi.record`), by round: each read once,
/// and only those of the rounds charted now kept.
const chartedRecords = async (at, cache, feedId, roundIds) => {
  const before = cache.charted.get(feedId) ?? new Map();
  const read = await Promise.all(
    roundIds.map(async (roundId) => {
      if (before.has(roundId)) return [roundId, before.get(roundId)];
      const record = await at.call.oracleSlaApi.record(feedId, roundId);
      return [roundId, record.isSome ? record.unwrap() : undefined];
    }),
  );
  const now = new Map(read);
  cache.charted.set(feedId, now);
  return now;
};

/// The feeds view: every feed's configuration and latest round, its freshness as the chain
/// judges it, and its last `CHART_ROUNDS` resolved rounds with their SLA records, for the chart.
export const readFeeds = async ({ at, cache }) => {
  const feeds = await feedsWithConfig(at);
  const fresh = await Promise.all(feeds.map((feed) => at.call.oracleAggregationApi.freshRound(feed.id)));
  const recent = await Promise.all(
    feeds.map(async (feed) => {
      const rounds = await keptRounds(at, cache, feed.id, feed.latest?.roundId.toNumber() ?? 0);
      const resolved = rounds.filter(([, round]) => round.answeredInRound.eq(round.roundId)).slice(0, CHART_ROUNDS);
      const byRound = await chartedRecords(at, cache, feed.id, resolved.map(([roundId]) => roundId));
      return resolved.map(([roundId, round]) => [roundId, { round, record: byRound.get(roundId) }]);
    }),
  );
  return {
    feeds: feeds.map((feed, index) => ({
      id: feed.id,
      config: feed.config,
      round: answered(feed.latest),
      freshness: freshness(fresh[index]),
      recent: recent[index],
    })),
  };
};

/// The feed view: one feed's configuration, latest round and freshness, its open round and
/// request, its SLA terms and summary, and every round kept with its SLA record.
export const readFeed = async ({ at, cache, route }) => {
  const id = route.id;
  const api = at.call.oracleAggregationApi;
  const [config, latest, fresh, states, sla] = await Promise.all([
    api.feedConfig(id),
    api.latestRound(id),
    api.freshRound(id),
    // The open round and the on-demand request: kept for every feed in one value, which the
    // chain reads once per block; no runtime API serves one feed's.
    at.query.oracleAggregation.states(),
    at.call.oracleSlaApi.feedSla(id),
  ]);
  if (config.isNone) return { id, missing: true };
  const round = latest.isSome ? latest.unwrap() : undefined;
  return {
    id,
    config: config.unwrap(),
    round: answered(round),
    freshness: freshness(fresh),
    state: states.find((s) => s.feedId.toNumber() === id),
    sla: sla.isSome ? sla.unwrap() : undefined,
    history: await history(at, cache, id, round?.roundId.toNumber() ?? 0),
  };
};

/// The operators view: every operator of the session or with SLA figures, with its stake,
/// nominations, reputation (`oracleSlaApi.operator`), era points and deferred slashes.
export const readOperators = async ({ at }) => {
  const [session, statsKeys, activeEra, slashes] = await Promise.all([
    at.query.oracleAggregation.operators(),
    at.query.oracleSla.stats.keys(),
    at.query.staking.activeEra(),
    at.query.staking.unappliedSlashes.entries(),
  ]);
  const inSession = new Set(session.map(([account]) => account.toString()));
  const accounts = [...new Set([...inSession, ...statsKeys.map((key) => key.args[0].toString())])];
  const era = activeEra.isSome ? activeEra.unwrap().index.toNumber() : 0;
  const points = await at.query.staking.erasRewardPoints(era);
  const pointsOf = new Map([...points.individual.entries()].map(([who, p]) => [who.toString(), p.toNumber()]));
  const operators = await Promise.all(
    accounts.map(async (account) => {
      const [report, bonded, overview] = await Promise.all([
        at.call.oracleSlaApi.operator(account),
        at.query.staking.bonded(account),
        at.query.staking.erasStakersOverview(era, account),
      ]);
      const controller = bonded.isSome ? bonded.unwrap().toString() : account;
      const ledger = await at.query.staking.ledger(controller);
      const pending = [];
      for (const [key, list] of slashes) {
        list.forEach((slash, index) => {
          if (slash.validator.toString() !== account) return;
          const others = slash.others.reduce((sum, [, amount]) => sum + amount.toBigInt(), 0n);
          pending.push({ era: key.args[0].toNumber(), index, own: slash.own.toBigInt(), others });
        });
      }
      return {
        account,
        inSession: inSession.has(account),
        report: report.isSome ? report.unwrap() : undefined,
        ledger: ledger.isSome ? ledger.unwrap() : undefined,
        exposure: overview.isSome ? overview.unwrap() : undefined,
        points: pointsOf.get(account) ?? 0,
        pending,
      };
    }),
  );
  operators.sort((a, b) => Number(b.inSession) - Number(a.inSession) || a.account.localeCompare(b.account));
  return { era, totalPoints: points.total.toNumber(), operators };
};

/// The source health view: the connected node's record of every source of every feed, from its
/// offchain storage (an unsafe RPC method, which a public node refuses).
export const readHealth = async ({ api, at, util }) => {
  const feeds = await feedsWithConfig(at);
  const sources = feeds.flatMap((feed) =>
    feed.config.sources.map((source) => ({ feed, name: source.name.toUtf8(), url: source.url.toUtf8() })),
  );
  const read = async ({ feed, name }) => {
    const key = util.stringToHex(`oracle/health/${feed.id}/${name}`);
    const stored = await api.rpc.offchain.localStorageGet('PERSISTENT', key);
    if (stored.isNone) return {};
    try {
      return { record: JSON.parse(util.hexToString(stored.unwrap().toHex())) };
    } catch {
      return { unreadable: true };
    }
  };
  try {
    const records = await Promise.all(sources.map(read));
    return { rows: sources.map((source, index) => ({ ...source, ...records[index] })) };
  } catch (error) {
    const message = String(error?.message ?? error);
    // A node that does not serve unsafe methods to this page does not know the method at all.
    if (/unsafe|not found|-32601/i.test(message)) return { rows: [], refused: message };
    throw error;
  }
};

export const READERS = { feeds: readFeeds, feed: readFeed, operators: readOperators, health: readHealth };
