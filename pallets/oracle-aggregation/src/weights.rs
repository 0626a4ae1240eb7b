
//! Weights of `pallet_oracle_aggregation`, generated from its benchmarks by `scripts/benchmark.sh`; do not
//! edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-11-21; steps 10, repeat 3; wasm
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
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(132002), added: 132497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5717), added: 8192, mode: `MaxEncodedLen`)
	fn create_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `120049`
		//  Estimated: `133487`
		// Minimum execution time: 202_222_000 picoseconds.
		Weight::from_parts(230_594_000, 133487)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(132002), added: 132497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1 w:15)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5717), added: 8192, mode: `MaxEncodedLen`)
	fn update_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `122044`
		//  Estimated: `133487`
		// Minimum execution time: 233_338_000 picoseconds.
		Weight::from_parts(272_787_000, 133487)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(19_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(132002), added: 132497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:1 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	fn set_feed_status() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `121194`
		//  Estimated: `133487`
		// Minimum execution time: 167_270_000 picoseconds.
		Weight::from_parts(200_999_000, 133487)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(132002), added: 132497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:64 w:64)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:101 w:100)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(29050), added: 31525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:0 w:1)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5717), added: 8192, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `160821`
		//  Estimated: `3185015`
		// Minimum execution time: 2_100_713_000 picoseconds.
		Weight::from_parts(2_192_901_000, 3185015)
			.saturating_add(T::DbWeight::get().reads(166_u64))
			.saturating_add(T::DbWeight::get().writes(168_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:1 w:1)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(29050), added: 31525, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:1 w:0)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `v` is `[1, 1000]`.
	fn submit(v: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `76662`
		//  Estimated: `42487`
		// Minimum execution time: 98_116_000 picoseconds.
		Weight::from_parts(122_513_240, 42487)
			// Standard Error: 7_238
			.saturating_add(Weight::from_parts(30_057, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(132002), added: 132497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	fn request_round() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `120169`
		//  Estimated: `133487`
		// Minimum execution time: 194_510_000 picoseconds.
		Weight::from_parts(223_273_000, 133487)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleAggregation::NextCheck` (r:1 w:0)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `175`
		//  Estimated: `1489`
		// Minimum execution time: 2_143_000 picoseconds.
		Weight::from_parts(2_463_000, 1489)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `OracleAggregation::Operators` (r:1 w:0)
	/// Proof: `OracleAggregation::Operators` (`max_values`: Some(1), `max_size`: Some(6402), added: 6897, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Submissions` (r:100 w:100)
	/// Proof: `OracleAggregation::Submissions` (`max_values`: None, `max_size`: Some(29050), added: 31525, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::States` (r:1 w:1)
	/// Proof: `OracleAggregation::States` (`max_values`: Some(1), `max_size`: Some(132002), added: 132497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Rounds` (r:1000 w:1997)
	/// Proof: `OracleAggregation::Rounds` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Latest` (r:0 w:1000)
	/// Proof: `OracleAggregation::Latest` (`max_values`: None, `max_size`: Some(82), added: 2557, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:0 w:1)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(41002), added: 41497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::NextCheck` (r:0 w:1)
	/// Proof: `OracleAggregation::NextCheck` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `o` is `[1, 100]`.
	/// The range of component `f` is `[1, 1000]`.
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0 + f * (2984 ±0) + o * (29124 ±0)`
		//  Estimated: `133487 + f * (2563 ±0) + o * (31525 ±0)`
		// Minimum execution time: 797_690_000 picoseconds.
		Weight::from_parts(797_690_000, 133487)
			// Standard Error: 23_755_319
			.saturating_add(Weight::from_parts(105_006_120, 0).saturating_mul(o.into()))
			// Standard Error: 2_378_026
			.saturating_add(Weight::from_parts(28_555_646, 0).saturating_mul(f.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2563).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 31525).saturating_mul(o.into()))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn create_feed() -> Weight {
		Weight::from_parts(230_594_000, 133487)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn update_feed() -> Weight {
		Weight::from_parts(272_787_000, 133487)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(19_u64))
	}
	fn set_feed_status() -> Weight {
		Weight::from_parts(200_999_000, 133487)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(2_192_901_000, 3185015)
			.saturating_add(RocksDbWeight::get().reads(166_u64))
			.saturating_add(RocksDbWeight::get().writes(168_u64))
	}
	fn submit(v: u32, ) -> Weight {
		Weight::from_parts(122_513_240, 42487)
			.saturating_add(Weight::from_parts(30_057, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn request_round() -> Weight {
		Weight::from_parts(223_273_000, 133487)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(2_463_000, 1489)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn check_rounds(o: u32, f: u32, ) -> Weight {
		Weight::from_parts(797_690_000, 133487)
			.saturating_add(Weight::from_parts(105_006_120, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(28_555_646, 0).saturating_mul(f.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(f.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(f.into())))
			.saturating_add(Weight::from_parts(0, 2563).saturating_mul(f.into()))
			.saturating_add(Weight::from_parts(0, 31525).saturating_mul(o.into()))
	}
}
