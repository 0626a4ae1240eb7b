
//! Weights of `pallet_oracle_consumer`, generated from its benchmarks by `scripts/benchmark.sh`; do not
//! edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-12-03; steps 10, repeat 3; wasm
//! execution `Compiled`; CPU `AMD EPYC`.
//!
//! Reads and writes are priced by `T::DbWeight` (the runtime's RocksDB figures: 25 µs per
//! read, 100 µs per write); proof sizes are the estimated worst cases.

// Command:
// /root/.cache/oracle-target/release/oracle-bench
// --runtime
// /root/.cache/oracle-target/consumer_runtime.benchmarks.wasm
// --genesis-builder-preset
// development
// --pallet
// pallet_oracle_consumer
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
// pallets/oracle-consumer/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_oracle_consumer`.
pub trait WeightInfo {
	fn deliver(n: u32, ) -> Weight;
	fn set_max_age() -> Weight;
	fn remove_feed() -> Weight;
}

/// Weights for `pallet_oracle_consumer` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `OracleConsumer::Latest` (r:16 w:16)
	/// Proof: `OracleConsumer::Latest` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForLatest` (r:1 w:0)
	/// Proof: `OracleConsumer::CounterForLatest` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::History` (r:16 w:16)
	/// Proof: `OracleConsumer::History` (`max_values`: None, `max_size`: Some(1053), added: 3528, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	fn deliver(n: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1126 + n * (95 ±0)`
		//  Estimated: `1493 + n * (3528 ±0)`
		// Minimum execution time: 25_267_000 picoseconds.
		Weight::from_parts(24_737_944, 1493)
			// Standard Error: 63_785
			.saturating_add(Weight::from_parts(26_291_399, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3528).saturating_mul(n.into()))
	}
	/// Storage: `OracleConsumer::Latest` (r:1 w:0)
	/// Proof: `OracleConsumer::Latest` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::MaxAge` (r:0 w:1)
	/// Proof: `OracleConsumer::MaxAge` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	fn set_max_age() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `128`
		//  Estimated: `3542`
		// Minimum execution time: 12_098_000 picoseconds.
		Weight::from_parts(25_648_000, 3542)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleConsumer::Latest` (r:1 w:1)
	/// Proof: `OracleConsumer::Latest` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForLatest` (r:1 w:1)
	/// Proof: `OracleConsumer::CounterForLatest` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::History` (r:0 w:1)
	/// Proof: `OracleConsumer::History` (`max_values`: None, `max_size`: Some(1053), added: 3528, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::MaxAge` (r:0 w:1)
	/// Proof: `OracleConsumer::MaxAge` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `161`
		//  Estimated: `3542`
		// Minimum execution time: 18_017_000 picoseconds.
		Weight::from_parts(36_093_000, 3542)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn deliver(n: u32, ) -> Weight {
		Weight::from_parts(24_737_944, 1493)
			.saturating_add(Weight::from_parts(26_291_399, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3528).saturating_mul(n.into()))
	}
	fn set_max_age() -> Weight {
		Weight::from_parts(25_648_000, 3542)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(36_093_000, 3542)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
}
