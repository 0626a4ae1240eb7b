
//! Weights of `pallet_oracle_aggregation`, generated from its benchmarks by `scripts/benchmark.sh`; do not
//! edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-12-07; steps 10, repeat 3; wasm
//! execution `Compiled`; CPU `AMD EPYC`.
//!
//! Reads and writes are priced by `T::DbWeight` (the runtime's RocksDB figures: 25 µs per
//! read, 100 µs per write); proof sizes are the estimated worst cases.

// Command:
// /root/.cache/oracle-target/release/oracle-bench
// --runtime
// /root/.cache/oracle-target/oracle_runtime.benchmarks.wasm
// --genesis-builder-preset
// development
// --pallet
// pallet_oracle_aggregation
// --extrinsic
// *
// --steps
// 10
// --repeat
// 3
// --heap-pages
// 4096
// --template
// scripts/weight-template.hbs
// --output
// pallets/oracle-aggregation/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_oracle_aggregation`.
pub trait WeightInfo {
	fn create_feed() -> Weight;
	fn update_feed() -> Weight;
	fn set_feed_status() -> Weight;
	fn set_host_rules() -> Weight;
	fn remove_feed() -> Weight;
	fn submit(v: u32, ) -> Weight;
	fn request_round() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn check_rounds(o: u32, f: u32, ) -> Weight;
}

/// Weights for `pallet_oracle_aggregation` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `OracleAggregation::SourceHostRules` (r:1 w:0)
	/// Proof: `OracleAggregation::SourceHostRules` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextFeedId` (r:1 w:1)
	/// Proof: `OracleAggregation::NextFeedId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(155002), added: 155497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5722), added: 8197, mode: `MaxEncodedLen`)
	fn create_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `134055`
		//  Estimated: `156487`
		// Minimum execution time: 365_181_000 picoseconds.
		Weight::from_parts(420_313_000, 156487)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `OracleAggregation::Feeds` (r:1 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5722), added: 8197, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(155002), added: 155497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::SourceHostRules` (r:1 w:0)
	/// Proof: `OracleAggregation::SourceHostRules` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1 w:7)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:1 w:0)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	fn update_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `137854`
		//  Estimated: `156487`
		// Minimum execution time: 369_798_000 picoseconds.
		Weight::from_parts(470_056_000, 156487)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(155002), added: 155497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:1 w:0)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::StatesChanged` (r:0 w:1)
	/// Proof: `OracleDelivery::StatesChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn set_feed_status() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `135271`
		//  Estimated: `156487`
		// Minimum execution time: 298_782_000 picoseconds.
		Weight::from_parts(346_934_000, 156487)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `OracleAggregation::SourceHostRules` (r:1 w:1)
	/// Proof: `OracleAggregation::SourceHostRules` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn set_host_rules() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `195`
		//  Estimated: `1486`
		// Minimum execution time: 9_565_000 picoseconds.
		Weight::from_parts(11_027_000, 1486)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(155002), added: 155497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:64 w:64)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:32 w:31)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::GraceEnds` (r:1 w:1)
	/// Proof: `OracleAggregation::GraceEnds` (`max_values`: Some(1), `max_size`: Some(16002), added: 16497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Records` (r:1 w:0)
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(2726), added: 5201, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5722), added: 8197, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::StatesChanged` (r:0 w:1)
	/// Proof: `OracleDelivery::StatesChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `169984`
		//  Estimated: `1041790`
		// Minimum execution time: 1_678_326_000 picoseconds.
		Weight::from_parts(1_863_631_000, 1041790)
			.saturating_add(T::DbWeight::get().reads(100_u64))
			.saturating_add(T::DbWeight::get().writes(102_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(1985), added: 2480, mode: `MaxEncodedLen`)
	/// Storage: `Session::DisabledValidators` (r:1 w:0)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `OracleAggregation::Submissions` (r:1 w:1)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:1 w:0)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `v` is `[1, 1000]`.
	fn submit(v: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `78439`
		//  Estimated: `79924`
		// Minimum execution time: 215_279_000 picoseconds.
		Weight::from_parts(259_086_435, 79924)
			// Standard Error: 68_572
			.saturating_add(Weight::from_parts(1_193_795, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::RequestsInBlock` (r:1 w:1)
	/// Proof: `OracleAggregation::RequestsInBlock` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(155002), added: 155497, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	fn request_round() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `134241`
		//  Estimated: `156487`
		// Minimum execution time: 330_109_000 picoseconds.
		Weight::from_parts(379_212_000, 156487)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:0)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `195`
		//  Estimated: `1489`
		// Minimum execution time: 4_457_000 picoseconds.
		Weight::from_parts(5_518_000, 1489)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(1985), added: 2480, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:31 w:31)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(155002), added: 155497, mode: `MaxEncodedLen`)
	/// Storage: `Session::DisabledValidators` (r:1 w:0)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `OracleAggregation::OperatorsSince` (r:1 w:0)
	/// Proof: `OracleAggregation::OperatorsSince` (`max_values`: Some(1), `max_size`: Some(125), added: 620, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::LastAuthored` (r:1 w:0)
	/// Proof: `OracleAggregation::LastAuthored` (`max_values`: Some(1), `max_size`: Some(1117), added: 1612, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::GraceEnds` (r:1 w:0)
	/// Proof: `OracleAggregation::GraceEnds` (`max_values`: Some(1), `max_size`: Some(16002), added: 16497, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1000 w:1997)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::SessionTally` (r:1 w:1)
	/// Proof: `OracleSla::SessionTally` (`max_values`: Some(1), `max_size`: Some(2481), added: 2976, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Stats` (r:31 w:31)
	/// Proof: `OracleSla::Stats` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveEra` (r:1 w:0)
	/// Proof: `Staking::ActiveEra` (`max_values`: Some(1), `max_size`: Some(13), added: 508, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ErasRewardPoints` (r:1 w:1)
	/// Proof: `Staking::ErasRewardPoints` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `OracleDelivery::Subscriptions` (r:1 w:0)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1492), added: 3967, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Records` (r:0 w:2000)
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(2726), added: 5201, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1000)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:0 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `o` is `[1, 31]`.
	/// The range of component `f` is `[1, 1000]`.
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + f * (1014 ±0) + o * (30160 ±0)`
		//  Estimated: `156487 + f * (2563 ±82) + o * (32525 ±2_648)`
		// Minimum execution time: 825_323_000 picoseconds.
		Weight::from_parts(825_323_000, 156487)
			// Standard Error: 58_983_638
			.saturating_add(Weight::from_parts(329_294_533, 0).saturating_mul(o.into()))
			// Standard Error: 1_828_111
			.saturating_add(Weight::from_parts(36_527_506, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2563).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 32525).saturating_mul(o.into()))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn create_feed() -> Weight {
		Weight::from_parts(420_313_000, 156487)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn update_feed() -> Weight {
		Weight::from_parts(470_056_000, 156487)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	fn set_feed_status() -> Weight {
		Weight::from_parts(346_934_000, 156487)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn set_host_rules() -> Weight {
		Weight::from_parts(11_027_000, 1486)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(1_863_631_000, 1041790)
			.saturating_add(RocksDbWeight::get().reads(100_u64))
			.saturating_add(RocksDbWeight::get().writes(102_u64))
	}
	fn submit(v: u32, ) -> Weight {
		Weight::from_parts(259_086_435, 79924)
			.saturating_add(Weight::from_parts(1_193_795, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn request_round() -> Weight {
		Weight::from_parts(379_212_000, 156487)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(5_518_000, 1489)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		Weight::from_parts(825_323_000, 156487)
			.saturating_add(Weight::from_parts(329_294_533, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(36_527_506, 0).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2563).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 32525).saturating_mul(o.into()))
	}
}
