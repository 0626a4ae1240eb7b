//! Test runtime: `frame_system`, balances, timestamp and this pallet, with `u64` accounts and
//! `UintAuthorityId` keys (operator `n` has key `10 + n`).

pub use crate::hosts::HostRules;
use crate::{
	self as pallet_oracle_aggregation, commit_reveal::commitment, feed_config::*, types::*,
};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks, OneSessionHandler},
	weights::Weight,
	BoundedVec,
};
use frame_system::EnsureRoot;
use oracle_primitives::rounds::{GraceOutcome, OnFeedChanged, OnRoundResolved, RoundOutcome};
use sp_runtime::{testing::UintAuthorityId, BuildStorage, Permill, RuntimeAppPublic};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Extrinsic = frame_system::mocking::MockUncheckedExtrinsic<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		OracleAggregation: pallet_oracle_aggregation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> Extrinsic {
		Extrinsic::new_bare(call)
	}
}

/// The most operators the mock keeps: the runtime's 31-operator federations fit.
pub const MAX_OPERATORS: u32 = 31;
/// What `request_round` costs.
pub const REQUEST_FEE: u64 = 10;

thread_local! {
	static OUTCOMES: RefCell<Vec<RoundOutcome<u64, u64>>> = const { RefCell::new(Vec::new()) };
	static GRACES: RefCell<Vec<GraceOutcome<u64, u64>>> = const { RefCell::new(Vec::new()) };
	static STATUS_CHANGES: RefCell<Vec<(crate::types::FeedId, Option<crate::types::FeedStatus>)>> =
		const { RefCell::new(Vec::new()) };
	static CONFIG_CHANGES: RefCell<Vec<(crate::types::FeedId, crate::feed_config::ConfigFingerprint)>> =
		const { RefCell::new(Vec::new()) };
}

/// The new configurations' fingerprints handed to `OnFeedChanged` so far, emptying the record.
pub fn take_config_changes() -> Vec<(crate::types::FeedId, crate::feed_config::ConfigFingerprint)> {
	CONFIG_CHANGES.with(|c| core::mem::take(&mut *c.borrow_mut()))
}

/// What the mock's `on_feed_updated` is said to weigh at most.
pub const FEED_UPDATED_WEIGHT: Weight = Weight::from_parts(7_000_000, 7_000);

/// The pauses, resumptions (`Some`) and removals (`None`) handed to `OnFeedChanged` so far,
/// emptying the record.
pub fn take_status_changes() -> Vec<(crate::types::FeedId, Option<crate::types::FeedStatus>)> {
	STATUS_CHANGES.with(|s| core::mem::take(&mut *s.borrow_mut()))
}

/// Records every closed round for the tests to look at.
pub struct RecordOutcomes;
impl OnRoundResolved<u64, u64> for RecordOutcomes {
	fn on_rounds_resolved(outcomes: &[RoundOutcome<u64, u64>]) -> Weight {
		OUTCOMES.with(|o| o.borrow_mut().extend_from_slice(outcomes));
		Weight::from_parts(1_000, 0)
	}

	fn on_graces_over(outcomes: &[GraceOutcome<u64, u64>]) -> Weight {
		GRACES.with(|g| g.borrow_mut().extend_from_slice(outcomes));
		Weight::from_parts(1_000, 0)
	}
}

impl OnFeedChanged for RecordOutcomes {
	fn on_feed_removed(feed_id: crate::types::FeedId) {
		STATUS_CHANGES.with(|s| s.borrow_mut().push((feed_id, None)));
	}

	fn on_feed_status_changed(feed_id: crate::types::FeedId, status: crate::types::FeedStatus) {
		STATUS_CHANGES.with(|s| s.borrow_mut().push((feed_id, Some(status))));
	}

	fn on_feed_updated(
		feed_id: crate::types::FeedId,
		fingerprint: crate::feed_config::ConfigFingerprint,
	) {
		CONFIG_CHANGES.with(|c| c.borrow_mut().push((feed_id, fingerprint)));
	}

	fn feed_updated_weight() -> Weight {
		FEED_UPDATED_WEIGHT
	}
}

/// The grace periods handed to `OnRoundResolved` so far, emptying the record.
pub fn take_graces() -> Vec<GraceOutcome<u64, u64>> {
	GRACES.with(|g| core::mem::take(&mut *g.borrow_mut()))
}

/// The closed rounds handed to `OnRoundResolved` so far, emptying the record.
pub fn take_outcomes() -> Vec<RoundOutcome<u64, u64>> {
	OUTCOMES.with(|o| core::mem::take(&mut *o.borrow_mut()))
}

parameter_types! {
	pub const ReportPriority: u64 = 1 << 20;
}

impl pallet_oracle_aggregation::Config for Test {
	type AuthorityId = UintAuthorityId;
	type MaxOperators = ConstU32<MAX_OPERATORS>;
	type FeedAdminOrigin = EnsureRoot<u64>;
	type MaxFeeds = ConstU32<8>;
	type MaxSources = ConstU32<6>;
	type MaxBufferLen = ConstU32<4>;
	type Currency = Balances;
	type RoundRequestFee = ConstU64<REQUEST_FEE>;
	type OnRoundRequestFee = ();
	type UnixTime = Timestamp;
	type OnRoundResolved = RecordOutcomes;
	type OnFeedChanged = RecordOutcomes;
	type ReportPriority = ReportPriority;
	type ReportLongevity = ConstU32<12>;
	type FetchDeadline = ConstU64<1_000>;
	type MinPollInterval = ConstU32<5>;
	type MaxRequestsPerRun = ConstU32<12>;
	type ExpectedBlockTime = ConstU64<6_000>;
	type DisabledOperators = Disabled;
	type FindAuthor = Author;
	type MaxAuthorSpan = ConstU32<12>;
	type MaxReportAge = ConstU32<5>;
	type MaxRequestsPerBlock = ConstU32<2>;
	type WeightInfo = ();
}

thread_local! {
	/// The author of the current block.
	static AUTHOR: RefCell<Option<u64>> = const { RefCell::new(None) };
	/// The author the next block gets instead of the next in turn.
	static NEXT_AUTHOR: RefCell<Option<u64>> = const { RefCell::new(None) };
}

/// The block author, as Aura names it: the operators take turns, one block each, unless a
/// test chooses the next one.
pub struct Author;

impl Author {
	/// Makes `operator` author the next block.
	pub fn next(operator: u64) {
		NEXT_AUTHOR.with(|a| *a.borrow_mut() = Some(operator));
	}

	/// The author of the current block.
	pub fn current() -> Option<u64> {
		AUTHOR.with(|a| *a.borrow())
	}

	/// Picks the author of block `now`.
	fn start(now: u64) {
		let chosen = NEXT_AUTHOR.with(|a| a.borrow_mut().take());
		let operators = crate::Operators::<Test>::get();
		let in_turn = usize::try_from(now)
			.ok()
			.and_then(|now| operators.get(now % operators.len().max(1)))
			.map(|(account, _)| *account);
		AUTHOR.with(|a| *a.borrow_mut() = chosen.or(in_turn));
	}
}

impl frame_support::traits::FindAuthor<u64> for Author {
	fn find_author<'a, I>(_digests: I) -> Option<u64>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		Author::current()
	}
}

thread_local! {
	/// The session positions of the operators disabled for an offence, ascending.
	static DISABLED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// The session's disabled validators, as `pallet-session` would keep them.
pub struct Disabled;

impl Disabled {
	/// Disables the operator at session position `index`, as staking's disabling strategy does
	/// when it is slashed.
	pub fn disable(index: u32) {
		DISABLED.with(|d| {
			let mut d = d.borrow_mut();
			if let Err(at) = d.binary_search(&index) {
				d.insert(at, index);
			}
		});
	}
}

impl frame_support::traits::DisabledValidators for Disabled {
	fn is_disabled(index: u32) -> bool {
		DISABLED.with(|d| d.borrow().contains(&index))
	}
	fn disabled_validators() -> Vec<u32> {
		DISABLED.with(|d| d.borrow().clone())
	}
}

/// A feed configuration of this runtime.
pub type Config = crate::FeedConfigOf<Test>;

/// Bytes into a bounded vector (cut if too long).
pub fn bounded<S: frame_support::traits::Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// A source answering at `url` with the price at `path`.
pub fn source(name: &str, url: &str, path: &str) -> Source {
	Source {
		name: bounded(name),
		url: bounded(url),
		json_path: bounded(path),
		transform: Transform::default(),
		weight: 1,
		api_key: None,
	}
}

/// A BTC/USD feed with two decimals: quorum 2, resolution delay 2, timeout 5, buffer of 3
/// rounds, heartbeat 10, bounds `[1, 1_000_000_000]`, stale after 10 blocks.
pub fn feed_config() -> Config {
	Config {
		name: bounded("BTC/USD"),
		decimals: 2,
		sources: BoundedVec::truncate_from(vec![
			source("binance", "http://127.0.0.1:8080/binance", "price"),
			source("coinbase", "http://127.0.0.1:8080/coinbase", "data.amount"),
			source("kraken", "http://127.0.0.1:8080/kraken", "result.XXBTZUSD.c[0]"),
		]),
		min_sources: 2,
		max_source_deviation: Permill::from_percent(2),
		source_aggregation: SourceAggregation::Median,
		aggregation: Aggregation::Median,
		quorum: 2,
		resolution_delay: 2,
		round_timeout: 5,
		heartbeat: 10,
		deviation_threshold: Permill::from_percent(1),
		buffer_len: 3,
		min_value: 1,
		max_value: 1_000_000_000,
		max_age: 10,
		commit_reveal: false,
		poll_interval: 0,
	}
}

/// Operator `n`'s `oracle` key.
pub fn key(operator: u64) -> UintAuthorityId {
	UintAuthorityId(10 + operator)
}

/// Makes `operators` the session's operators, each with key `10 + n`.
pub fn set_operators(operators: &[u64]) {
	// A new validator set re-enables everyone, as `pallet-session` does.
	DISABLED.with(|d| d.borrow_mut().clear());
	let set: Vec<(u64, UintAuthorityId)> = operators.iter().map(|o| (*o, key(*o))).collect();
	OracleAggregation::on_new_session(true, handed(&set), handed(&set));
}

/// The iterator shape `pallet-session` hands to session handlers.
pub fn handed(set: &[(u64, UintAuthorityId)]) -> impl Iterator<Item = (&u64, UintAuthorityId)> {
	set.iter().map(|(account, key)| (account, key.clone()))
}

/// Operator `operator`'s report of `values` (feed, round, value) at the current block.
pub fn report(operator: u64, values: &[(FeedId, RoundId, Value)]) -> crate::ReportOf<Test> {
	Report {
		key: key(operator),
		at: System::block_number(),
		values: BoundedVec::truncate_from(
			values
				.iter()
				.map(|(feed_id, round_id, value)| ReportValue {
					feed_id: *feed_id,
					round_id: *round_id,
					answer: ReportAnswer::Value(*value),
				})
				.collect(),
		),
	}
}

/// The signature of `report` by its key.
pub fn sign(report: &crate::ReportOf<Test>) -> sp_runtime::testing::TestSignature {
	report
		.key
		.sign(&OracleAggregation::report_payload(report))
		.expect("UintAuthorityId signs anything")
}

/// Dispatches operator `operator`'s signed report of `values`.
pub fn submit(
	operator: u64,
	values: &[(FeedId, RoundId, Value)],
) -> frame_support::dispatch::DispatchResult {
	let report = report(operator, values);
	let signature = sign(&report);
	OracleAggregation::submit(RuntimeOrigin::none(), report, signature)
}

/// Dispatches operator `operator`'s signed report of `answers` (feed, round, answer): values,
/// commitments or reveals.
pub fn submit_answers(
	operator: u64,
	answers: &[(FeedId, RoundId, ReportAnswer)],
) -> frame_support::dispatch::DispatchResult {
	let report = Report {
		key: key(operator),
		at: System::block_number(),
		values: BoundedVec::truncate_from(
			answers
				.iter()
				.map(|(feed_id, round_id, answer)| ReportValue {
					feed_id: *feed_id,
					round_id: *round_id,
					answer: *answer,
				})
				.collect(),
		),
	};
	let signature = sign(&report);
	OracleAggregation::submit(RuntimeOrigin::none(), report, signature)
}

/// Operator `operator`'s salt in tests.
pub fn salt(operator: u64) -> Salt {
	[u8::try_from(operator).unwrap_or(u8::MAX); 16]
}

/// Operator `operator`'s commitment to `value` for `feed`'s round `round_id`, with its salt.
pub fn commit(operator: u64, feed: FeedId, round_id: RoundId, value: Value) -> ReportAnswer {
	ReportAnswer::Commit(commitment(
		&GENESIS_HASH,
		feed,
		round_id,
		value,
		&salt(operator),
		&operator,
	))
}

/// Operator `operator`'s reveal of `value`, with its salt.
pub fn reveal(operator: u64, value: Value) -> ReportAnswer {
	ReportAnswer::Reveal { value, salt: salt(operator) }
}

/// Moves to the next block (6 s later) and runs the pallet's `on_initialize`.
pub fn next_block() {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	Author::start(now);
	OracleAggregation::on_initialize(now);
	// The block's timestamp is set after `on_initialize`, as the inherent does.
	pallet_timestamp::Now::<Test>::put(now * 6_000);
}

/// Runs blocks until block `n`.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		next_block();
	}
}

/// The genesis hash of the test chain, which reports are bound to.
pub const GENESIS_HASH: sp_core::H256 = sp_core::H256::repeat_byte(0x42);

/// Externalities with operators 1, 2 and 3, accounts funded; `try_state` is checked when the
/// test body returns.
pub fn new_test_ext() -> TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(1, 1_000), (2, 1_000), (3, 1_000), (100, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		// This chain's genesis hash, as block 1's initialisation records it.
		frame_system::BlockHash::<Test>::insert(0, GENESIS_HASH);
		// A development chain's rules: the test feeds name a loopback price server.
		crate::SourceHostRules::<Test>::put(HostRules { allow_loopback: true });
		System::set_block_number(1);
	});
	TestExternalities(ext)
}

/// Test externalities that run the pallet's `try_state` invariants after every test body.
pub struct TestExternalities(pub sp_io::TestExternalities);

impl TestExternalities {
	pub fn execute_with<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = f();
			OracleAggregation::do_try_state().expect("try_state invariants hold after the test");
			result
		})
	}
}
