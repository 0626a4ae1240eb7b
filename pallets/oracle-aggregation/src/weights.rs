
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
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5718), added: 8193, mode: `MaxEncodedLen`)
	fn create_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `129060`
		//  Estimated: `151487`
		// Minimum execution time: 329_238_000 picoseconds.
		Weight::from_parts(358_281_000, 151487)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::SourceHostRules` (r:1 w:0)
	/// Proof: `OracleAggregation::SourceHostRules` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1 w:7)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5718), added: 8193, mode: `MaxEncodedLen`)
	fn update_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `131064`
		//  Estimated: `151487`
		// Minimum execution time: 333_023_000 picoseconds.
		Weight::from_parts(374_033_000, 151487)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	fn set_feed_status() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `130214`
		//  Estimated: `151487`
		// Minimum execution time: 270_621_000 picoseconds.
		Weight::from_parts(320_866_000, 151487)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `OracleAggregation::SourceHostRules` (r:1 w:1)
	/// Proof: `OracleAggregation::SourceHostRules` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn set_host_rules() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `195`
		//  Estimated: `1486`
		// Minimum execution time: 9_093_000 picoseconds.
		Weight::from_parts(16_755_000, 1486)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:64 w:64)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:32 w:31)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(30050), added: 32525, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Records` (r:1 w:0)
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(2726), added: 5201, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5718), added: 8193, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `166116`
		//  Estimated: `1041790`
		// Minimum execution time: 1_641_391_000 picoseconds.
		Weight::from_parts(1_867_024_000, 1041790)
			.saturating_add(T::DbWeight::get().reads(99_u64))
			.saturating_add(T::DbWeight::get().writes(100_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(1985), added: 2480, mode: `MaxEncodedLen`)
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
		//  Measured:  `74439`
		//  Estimated: `75924`
		// Minimum execution time: 184_253_000 picoseconds.
		Weight::from_parts(272_035_575, 75924)
			// Standard Error: 102_166
			.saturating_add(Weight::from_parts(1_284_951, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(150002), added: 150497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	fn request_round() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `129189`
		//  Estimated: `151487`
		// Minimum execution time: 283_850_000 picoseconds.
		Weight::from_parts(346_292_000, 151487)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:0)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `195`
		//  Estimated: `1489`
		// Minimum execution time: 3_064_000 picoseconds.
		Weight::from_parts(3_815_000, 1489)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(1985), added: 2480, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:31 w:31)
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
	/// Proof: `OracleSla::SessionTally` (`max_values`: Some(1), `max_size`: Some(1985), added: 2480, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Stats` (r:31 w:31)
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
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(2726), added: 5201, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1000)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(43002), added: 43497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:0 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `o` is `[1, 31]`.
	/// The range of component `f` is `[1, 1000]`.
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + f * (1014 ±0) + o * (30125 ±0)`
		//  Estimated: `151487 + f * (2563 ±83) + o * (32525 ±2_486)`
		// Minimum execution time: 889_086_000 picoseconds.
		Weight::from_parts(889_086_000, 151487)
			// Standard Error: 54_978_339
			.saturating_add(Weight::from_parts(297_463_223, 0).saturating_mul(o.into()))
			// Standard Error: 1_703_973
			.saturating_add(Weight::from_parts(37_725_161, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
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
		Weight::from_parts(358_281_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn update_feed() -> Weight {
		Weight::from_parts(374_033_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(11_u64))
	}
	fn set_feed_status() -> Weight {
		Weight::from_parts(320_866_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_host_rules() -> Weight {
		Weight::from_parts(16_755_000, 1486)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(1_867_024_000, 1041790)
			.saturating_add(RocksDbWeight::get().reads(99_u64))
			.saturating_add(RocksDbWeight::get().writes(100_u64))
	}
	fn submit(v: u32, ) -> Weight {
		Weight::from_parts(272_035_575, 75924)
			.saturating_add(Weight::from_parts(1_284_951, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn request_round() -> Weight {
		Weight::from_parts(346_292_000, 151487)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(3_815_000, 1489)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		Weight::from_parts(889_086_000, 151487)
			.saturating_add(Weight::from_parts(297_463_223, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(37_725_161, 0).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2563).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 32525).saturating_mul(o.into()))
	}
}
