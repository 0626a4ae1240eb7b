//! A runtime with the delivery pallet, balances, and a router whose sends can be made to fail.

use crate::{self as pallet_oracle_delivery, types::*};
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use oracle_primitives::{
	rounds::{FeedStates, JudgedRound, OnFeedChanged},
	FeedStatus,
};
use sp_runtime::{BuildStorage, Permill};
use xcm::latest::prelude::*;
use xcm_executor::traits::ConvertLocation;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		OracleDelivery: pallet_oracle_delivery,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The sovereign account of parachain `para` in the tests.
pub fn sovereign(para: ParaId) -> u64 {
	100_000 + u64::from(para)
}

/// Sibling parachains' sovereign accounts: `100_000 + para`.
pub struct SiblingAccounts;
impl ConvertLocation<u64> for SiblingAccounts {
	fn convert_location(location: &Location) -> Option<u64> {
		match location.unpack() {
			(1, [Parachain(para)]) => Some(sovereign(*para)),
			_ => None,
		}
	}
}

thread_local! {
	static SENT: RefCell<Vec<(Location, Xcm<()>)>> = const { RefCell::new(Vec::new()) };
	static FAILURE: RefCell<Option<SendError>> = const { RefCell::new(None) };
	static PAUSED: RefCell<Vec<FeedId>> = const { RefCell::new(Vec::new()) };
	static REMOVED: RefCell<Vec<FeedId>> = const { RefCell::new(Vec::new()) };
	static CONFIGS: RefCell<Vec<(FeedId, u8)>> = const { RefCell::new(Vec::new()) };
}

/// The fingerprint of a feed's configuration: its id, then how often it was reconfigured.
pub fn fingerprint_of(feed_id: FeedId) -> ConfigFingerprint {
	let version = CONFIGS.with(|configs| {
		configs
			.borrow()
			.iter()
			.find(|(feed, _)| *feed == feed_id)
			.map_or(0, |(_, v)| *v)
	});
	let mut fingerprint = [feed_id as u8; 16];
	fingerprint[15] = version;
	fingerprint
}

/// Reconfigures a feed, as the aggregation pallet's `update_feed` does: its hook runs.
pub fn reconfigure(feed_id: FeedId) {
	CONFIGS.with(|configs| {
		let mut configs = configs.borrow_mut();
		match configs.iter_mut().find(|(feed, _)| *feed == feed_id) {
			Some((_, version)) => *version += 1,
			None => configs.push((feed_id, 1)),
		}
	});
	<OracleDelivery as OnFeedChanged>::on_feed_updated(feed_id, fingerprint_of(feed_id));
}

/// Pauses or resumes a feed, as the aggregation pallet does: its hook runs.
pub fn set_paused(feed_id: FeedId, paused: bool) {
	PAUSED.with(|list| {
		let mut list = list.borrow_mut();
		list.retain(|feed| *feed != feed_id);
		if paused {
			list.push(feed_id);
		}
	});
	let status = if paused { FeedStatus::Paused } else { FeedStatus::Active };
	<OracleDelivery as OnFeedChanged>::on_feed_status_changed(feed_id, status);
}

/// Removes a feed, as the aggregation pallet does: its hook runs.
pub fn remove(feed_id: FeedId) {
	REMOVED.with(|list| list.borrow_mut().push(feed_id));
	<OracleDelivery as OnFeedChanged>::on_feed_removed(feed_id);
}

/// The messages the router took, in order.
pub fn sent() -> Vec<(Location, Xcm<()>)> {
	SENT.with(|sent| sent.borrow().clone())
}

/// Makes every send fail with `error` (or succeed again with `None`).
pub fn fail_sends(error: Option<SendError>) {
	FAILURE.with(|failure| *failure.borrow_mut() = error);
}

/// A router that records what it sends, or refuses as told.
pub struct TestRouter;
impl SendXcm for TestRouter {
	type Ticket = (Location, Xcm<()>);

	fn validate(
		destination: &mut Option<Location>,
		message: &mut Option<Xcm<()>>,
	) -> SendResult<Self::Ticket> {
		if let Some(error) = FAILURE.with(|failure| failure.borrow().clone()) {
			return Err(error);
		}
		let destination = destination.take().ok_or(SendError::MissingArgument)?;
		let message = message.take().ok_or(SendError::MissingArgument)?;
		Ok(((destination, message), Assets::new()))
	}

	fn deliver(ticket: Self::Ticket) -> Result<XcmHash, SendError> {
		let hash = sp_io::hashing::blake2_256(&codec::Encode::encode(&ticket.1));
		SENT.with(|sent| sent.borrow_mut().push(ticket));
		Ok(hash)
	}
}

/// Feeds 0 to 9 exist, unless removed; some may be paused.
pub struct TestFeeds;
impl FeedStates for TestFeeds {
	fn statuses() -> Vec<(FeedId, FeedStatus)> {
		(0..10)
			.filter(|feed_id| !REMOVED.with(|list| list.borrow().contains(feed_id)))
			.map(|feed_id| {
				let paused = PAUSED.with(|list| list.borrow().contains(&feed_id));
				(feed_id, if paused { FeedStatus::Paused } else { FeedStatus::Active })
			})
			.collect()
	}

	fn fingerprint(feed_id: FeedId) -> Option<ConfigFingerprint> {
		let exists = feed_id < 10 && !REMOVED.with(|list| list.borrow().contains(&feed_id));
		exists.then(|| fingerprint_of(feed_id))
	}
}

/// The SLA summary every round gets from the judge.
pub fn summary(feed_id: FeedId, round_id: RoundId) -> RoundSla {
	RoundSla {
		expected: 4,
		submitted: 4,
		accepted: 3,
		deviating: 1,
		dispersion: Permill::from_parts(feed_id * 10 + round_id),
		availability: Permill::from_percent(99),
	}
}

parameter_types! {
	pub const SubscriptionDeposit: u64 = 100;
	pub const FeedDeposit: u64 = 10;
	pub const DeliveryFee: u64 = 5;
}

impl pallet_oracle_delivery::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type AdminOrigin = EnsureRoot<u64>;
	type SiblingAccount = SiblingAccounts;
	type XcmRouter = TestRouter;
	type Feeds = TestFeeds;
	type MaxSubscriptions = ConstU32<4>;
	type MaxSubscriptionsPerPara = ConstU32<3>;
	type MaxFeedsPerSubscription = ConstU32<3>;
	type MaxPushesPerBlock = ConstU32<2>;
	type SubscriptionDeposit = SubscriptionDeposit;
	type FeedDeposit = FeedDeposit;
	type DeliveryFee = DeliveryFee;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The sibling parachains of the tests.
pub const PARA: ParaId = 2001;
pub const OTHER_PARA: ParaId = 2002;

pub fn new_test_ext() -> sp_io::TestExternalities {
	SENT.with(|sent| sent.borrow_mut().clear());
	PAUSED.with(|list| list.borrow_mut().clear());
	REMOVED.with(|list| list.borrow_mut().clear());
	CONFIGS.with(|configs| configs.borrow_mut().clear());
	fail_sends(None);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(sovereign(PARA), 1_000), (sovereign(OTHER_PARA), 1_000), (7, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and checks the pallet's invariants after it.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		OracleDelivery::do_try_state().expect("invariants hold after the test");
	});
}

/// A resolved round (`Some` value) or a timed-out one, judged: with its SLA summary.
pub fn outcome(feed_id: FeedId, round_id: RoundId, value: Option<i128>) -> JudgedRound {
	JudgedRound {
		feed_id,
		round_id,
		value,
		decimals: 8,
		closed_at_ms: 1_700_000_000_000 + u64::from(round_id),
		sla: summary(feed_id, round_id),
	}
}

/// Moves to the next block and closes `outcomes` in it.
pub fn close(outcomes: &[JudgedRound]) {
	System::set_block_number(System::block_number() + 1);
	OracleDelivery::push(outcomes);
}
