
//! Weights of `pallet_oracle_aggregation`, generated from its benchmarks by `scripts/benchmark.sh`; do not
//! edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-12-01; steps 10, repeat 3; wasm
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
	fn remove_feed() -> Weight;
	fn submit(v: u32, ) -> Weight;
	fn request_round() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn check_rounds(o: u32, f: u32, ) -> Weight;
}

/// Weights for `pallet_oracle_aggregation` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `OracleAggregation::NextFeedId` (r:1 w:1)
	/// Proof: `OracleAggregation::NextFeedId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5718), added: 8193, mode: `MaxEncodedLen`)
	fn create_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `129040`
		//  Estimated: `151487`
		// Minimum execution time: 321_416_000 picoseconds.
		Weight::from_parts(356_367_000, 151487)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1 w:1)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5718), added: 8193, mode: `MaxEncodedLen`)
	fn update_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `131044`
		//  Estimated: `151487`
		// Minimum execution time: 326_373_000 picoseconds.
		Weight::from_parts(366_864_000, 151487)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	fn set_feed_status() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `130194`
		//  Estimated: `151487`
		// Minimum execution time: 263_059_000 picoseconds.
		Weight::from_parts(317_159_000, 151487)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:64 w:64)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:101 w:100)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Records` (r:1 w:0)
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(8524), added: 10999, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5718), added: 8193, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `171987`
		//  Estimated: `3286015`
		// Minimum execution time: 4_360_817_000 picoseconds.
		Weight::from_parts(4_518_591_000, 3286015)
			.saturating_add(T::DbWeight::get().reads(168_u64))
			.saturating_add(T::DbWeight::get().writes(169_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `MaxEncodedLen`)
	/// Storage: `Session::DisabledValidators` (r:1 w:0)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `OracleAggregation::Submissions` (r:1 w:1)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:1 w:0)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `v` is `[1, 1000]`.
	fn submit(v: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `78836`
		//  Estimated: `80321`
		// Minimum execution time: 186_597_000 picoseconds.
		Weight::from_parts(197_395_582, 80321)
			// Standard Error: 106_620
			.saturating_add(Weight::from_parts(1_465_198, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	fn request_round() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `129169`
		//  Estimated: `151487`
		// Minimum execution time: 296_809_000 picoseconds.
		Weight::from_parts(353_443_000, 151487)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:0)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `175`
		//  Estimated: `1489`
		// Minimum execution time: 2_544_000 picoseconds.
		Weight::from_parts(2_985_000, 1489)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:100 w:100)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `Session::DisabledValidators` (r:1 w:0)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1000 w:1997)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::SessionTally` (r:1 w:1)
	/// Proof: `OracleSla::SessionTally` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Stats` (r:100 w:100)
	/// Proof: `OracleSla::Stats` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveEra` (r:1 w:0)
	/// Proof: `Staking::ActiveEra` (`max_values`: Some(1), `max_size`: Some(13), added: 508, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ErasRewardPoints` (r:1 w:1)
	/// Proof: `Staking::ErasRewardPoints` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Session::CurrentIndex` (r:1 w:0)
	/// Proof: `Session::CurrentIndex` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Session::Validators` (r:1 w:0)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `OracleSla::Records` (r:0 w:2000)
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(8524), added: 10999, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1000)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:0 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `o` is `[1, 100]`.
	/// The range of component `f` is `[1, 1000]`.
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + f * (3084 ±0) + o * (30124 ±0)`
		//  Estimated: `151487 + f * (2563 ±266) + o * (32525 ±2_665)`
		// Minimum execution time: 2_058_579_000 picoseconds.
		Weight::from_parts(2_058_579_000, 151487)
			// Standard Error: 64_320_283
			.saturating_add(Weight::from_parts(391_607_285, 0).saturating_mul(o.into()))
			// Standard Error: 6_438_783
			.saturating_add(Weight::from_parts(65_261_819, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
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
		Weight::from_parts(356_367_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn update_feed() -> Weight {
		Weight::from_parts(366_864_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn set_feed_status() -> Weight {
		Weight::from_parts(317_159_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(4_518_591_000, 3286015)
			.saturating_add(RocksDbWeight::get().reads(168_u64))
			.saturating_add(RocksDbWeight::get().writes(169_u64))
	}
	fn submit(v: u32, ) -> Weight {
		Weight::from_parts(197_395_582, 80321)
			.saturating_add(Weight::from_parts(1_465_198, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn request_round() -> Weight {
		Weight::from_parts(353_443_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(2_985_000, 1489)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		Weight::from_parts(2_058_579_000, 151487)
			.saturating_add(Weight::from_parts(391_607_285, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(65_261_819, 0).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2563).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 32525).saturating_mul(o.into()))
	}
}
