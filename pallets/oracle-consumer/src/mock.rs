//! A runtime with the consumer pallet, a clock, and an oracle origin standing in for XCM: the
//! signed account [`ORACLE`] is the oracle chain's location, every other origin is foreign.

use crate::{self as pallet_oracle_consumer, types::*};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use xcm::latest::{Junction::Parachain, Location};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		OracleConsumer: pallet_oracle_consumer,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// The account that stands for the oracle chain.
pub const ORACLE: u64 = 2000;
/// An account that stands for another chain.
pub const FOREIGN: u64 = 2001;
/// The oracle chain's para id.
pub const ORACLE_PARA: u32 = 2000;

/// The oracle chain's location.
pub fn oracle_location() -> Location {
	Location::new(1, [Parachain(ORACLE_PARA)])
}

/// Accepts the oracle account only, as the oracle chain's location.
pub struct EnsureOracle;
impl frame_support::traits::EnsureOrigin<RuntimeOrigin> for EnsureOracle {
	type Success = Location;

	fn try_origin(origin: RuntimeOrigin) -> Result<Location, RuntimeOrigin> {
		match origin.clone().into() {
			Ok(frame_system::RawOrigin::Signed(ORACLE)) => Ok(oracle_location()),
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(ORACLE))
	}
}

parameter_types! {
	pub const DefaultMaxAge: u64 = 60_000;
}

impl pallet_oracle_consumer::Config for Test {
	type OracleOrigin = EnsureOracle;
	type AdminOrigin = EnsureRoot<u64>;
	type UnixTime = Timestamp;
	type MaxFeeds = ConstU32<4>;
	type MaxRoundsPerDelivery = ConstU32<4>;
	type HistoryLen = ConstU32<3>;
	type DefaultMaxAge = DefaultMaxAge;
	type FeedKey = CurrencyId;
	type FeedOf = FeedOfCurrency;
	type WeightInfo = ();
}

/// What the mock chain prices, as a lending pallet would name it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CurrencyId {
	Dot,
	Usdt,
	Unpriced,
}

/// DOT is priced by feed 0, USDT by feed 1.
pub struct FeedOfCurrency;
impl sp_runtime::traits::Convert<CurrencyId, Option<FeedId>> for FeedOfCurrency {
	fn convert(currency: CurrencyId) -> Option<FeedId> {
		match currency {
			CurrencyId::Dot => Some(0),
			CurrencyId::Usdt => Some(1),
			CurrencyId::Unpriced => None,
		}
	}
}

/// The consumer chain's clock at genesis of the tests, in ms.
pub const START_MS: u64 = 1_700_000_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(START_MS);
	});
	ext
}

/// Runs a test and checks the pallet's invariants after it.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		OracleConsumer::do_try_state().expect("invariants hold after the test");
	});
}

/// Moves the consumer chain's clock to `ms` and its block on by one.
pub fn set_time(ms: u64) {
	pallet_timestamp::Now::<Test>::put(ms);
	System::set_block_number(System::block_number() + 1);
}

/// The configuration fingerprint of the rounds of [`round`].
pub const CONFIG: ConfigFingerprint = [7; 16];

/// A round as the oracle chain would deliver it.
pub fn round(feed_id: FeedId, round_id: RoundId, value: Value) -> DeliveredRound {
	DeliveredRound {
		feed_id,
		round_id,
		value,
		decimals: 8,
		fingerprint: CONFIG,
		timestamp_ms: START_MS - 1_000,
		sla: RoundSla {
			expected: 4,
			submitted: 4,
			accepted: 3,
			deviating: 1,
			dispersion: sp_runtime::Permill::from_parts(120),
			availability: sp_runtime::Permill::from_percent(99),
		},
	}
}
