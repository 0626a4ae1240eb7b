
//! Weights of `pallet_oracle_aggregation`, generated from its benchmarks by `scripts/benchmark.sh`; do not
//! edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-11-21; steps 10, repeat 2; wasm
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
// 2
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
	/// Storage: `OracleAggregation::FeedCount` (r:1 w:1)
	/// Proof: `OracleAggregation::FeedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextFeedId` (r:1 w:1)
	/// Proof: `OracleAggregation::NextFeedId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5717), added: 8192, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:0 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `MaxEncodedLen`)
	fn create_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `132`
		//  Estimated: `1489`
		// Minimum execution time: 74_010_000 picoseconds.
		Weight::from_parts(92_738_000, 1489)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1 w:63)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5717), added: 8192, mode: `MaxEncodedLen`)
	fn update_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1000`
		//  Estimated: `3573`
		// Minimum execution time: 124_455_000 picoseconds.
		Weight::from_parts(140_630_000, 3573)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(65_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `MaxEncodedLen`)
	fn set_feed_status() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `218`
		//  Estimated: `3573`
		// Minimum execution time: 9_624_000 picoseconds.
		Weight::from_parts(14_902_000, 3573)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:64 w:64)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:101 w:100)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(29050), added: 31525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::FeedCount` (r:1 w:1)
	/// Proof: `OracleAggregation::FeedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5717), added: 8192, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `40815`
		//  Estimated: `3185015`
		// Minimum execution time: 1_814_085_000 picoseconds.
		Weight::from_parts(1_983_308_000, 3185015)
			.saturating_add(T::DbWeight::get().reads(167_u64))
			.saturating_add(T::DbWeight::get().writes(167_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `Measured`)
	/// Storage: `OracleAggregation::Submissions` (r:1 w:1)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(29050), added: 31525, mode: `Measured`)
	/// Storage: `OracleAggregation::States` (r:1000 w:0)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `Measured`)
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `Measured`)
	/// The range of component `v` is `[1, 1000]`.
	fn submit(v: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `57857`
		//  Estimated: `53916 + v * (2485 ±2)`
		// Minimum execution time: 90_956_000 picoseconds.
		Weight::from_parts(246_293_934, 53916)
			// Standard Error: 32_867
			.saturating_add(Weight::from_parts(3_134_540, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(Weight::from_parts(0, 2485).saturating_mul(v.into()))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `MaxEncodedLen`)
	fn request_round() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `218`
		//  Estimated: `3573`
		// Minimum execution time: 27_111_000 picoseconds.
		Weight::from_parts(32_909_000, 3573)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:0)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `41`
		//  Estimated: `1489`
		// Minimum execution time: 1_823_000 picoseconds.
		Weight::from_parts(2_133_000, 1489)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `Measured`)
	/// Storage: `OracleAggregation::Submissions` (r:100 w:100)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(29050), added: 31525, mode: `Measured`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `Measured`)
	/// Storage: `OracleAggregation::States` (r:1000 w:1000)
	/// Proof: `OracleAggregation::States` (`max_values`: None, `max_size`: Some(108), added: 2583, mode: `Measured`)
	/// Storage: `OracleAggregation::Rounds` (r:2000 w:2000)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `Measured`)
	/// Storage: `OracleAggregation::NextCheck` (r:0 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `Measured`)
	/// The range of component `o` is `[1, 100]`.
	/// The range of component `f` is `[1, 1000]`.
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + f * (3032 ±0) + o * (29124 ±0)`
		//  Estimated: `165035 + f * (6097 ±174) + o * (11573 ±1_742)`
		// Minimum execution time: 572_323_000 picoseconds.
		Weight::from_parts(575_128_000, 165035)
			// Standard Error: 29_068_139
			.saturating_add(Weight::from_parts(108_564_503, 0).saturating_mul(o.into()))
			// Standard Error: 2_909_716
			.saturating_add(Weight::from_parts(35_613_706, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 6097).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 11573).saturating_mul(o.into()))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn create_feed() -> Weight {
		Weight::from_parts(92_738_000, 1489)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn update_feed() -> Weight {
		Weight::from_parts(140_630_000, 3573)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(65_u64))
	}
	fn set_feed_status() -> Weight {
		Weight::from_parts(14_902_000, 3573)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(1_983_308_000, 3185015)
			.saturating_add(RocksDbWeight::get().reads(167_u64))
			.saturating_add(RocksDbWeight::get().writes(167_u64))
	}
	fn submit(v: u32, ) -> Weight {
		Weight::from_parts(246_293_934, 53916)
			.saturating_add(Weight::from_parts(3_134_540, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(Weight::from_parts(0, 2485).saturating_mul(v.into()))
	}
	fn request_round() -> Weight {
		Weight::from_parts(32_909_000, 3573)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(2_133_000, 1489)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		Weight::from_parts(575_128_000, 165035)
			.saturating_add(Weight::from_parts(108_564_503, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(35_613_706, 0).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 6097).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 11573).saturating_mul(o.into()))
	}
}
