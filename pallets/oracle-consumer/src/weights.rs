
//! Weights of `pallet_oracle_consumer`, generated from its benchmarks by `scripts/benchmark.sh`; do not
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
	fn deliver(n: u32, s: u32, ) -> Weight;
	fn set_max_age() -> Weight;
	fn remove_feed() -> Weight;
	fn set_guard() -> Weight;
	fn freeze_feed() -> Weight;
	fn unfreeze_feed() -> Weight;
	fn set_paused() -> Weight;
}

/// Weights for `pallet_oracle_consumer` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForLatest` (r:1 w:0)
	/// Proof: `OracleConsumer::CounterForLatest` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Paused` (r:1 w:0)
	/// Proof: `OracleConsumer::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Latest` (r:32 w:16)
	/// Proof: `OracleConsumer::Latest` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Held` (r:16 w:16)
	/// Proof: `OracleConsumer::Held` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Guards` (r:16 w:0)
	/// Proof: `OracleConsumer::Guards` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::OracleStatus` (r:16 w:16)
	/// Proof: `OracleConsumer::OracleStatus` (`max_values`: None, `max_size`: Some(13), added: 2488, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Frozen` (r:16 w:0)
	/// Proof: `OracleConsumer::Frozen` (`max_values`: None, `max_size`: Some(12), added: 2487, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::History` (r:16 w:16)
	/// Proof: `OracleConsumer::History` (`max_values`: None, `max_size`: Some(1325), added: 3800, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	/// The range of component `s` is `[0, 16]`.
	fn deliver(n: u32, s: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2413 + n * (151 ±0) + s * (151 ±0)`
		//  Estimated: `1493 + n * (3800 ±0) + s * (2569 ±0)`
		// Minimum execution time: 211_975_000 picoseconds.
		Weight::from_parts(16_588_002, 1493)
			// Standard Error: 299_648
			.saturating_add(Weight::from_parts(42_268_494, 0).saturating_mul(n.into()))
			// Standard Error: 278_739
			.saturating_add(Weight::from_parts(11_220_395, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 3800).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 2569).saturating_mul(s.into()))
	}
	/// Storage: `OracleConsumer::Latest` (r:1 w:0)
	/// Proof: `OracleConsumer::Latest` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::MaxAge` (r:0 w:1)
	/// Proof: `OracleConsumer::MaxAge` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	fn set_max_age() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `128`
		//  Estimated: `3559`
		// Minimum execution time: 12_228_000 picoseconds.
		Weight::from_parts(15_743_000, 3559)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleConsumer::Latest` (r:1 w:1)
	/// Proof: `OracleConsumer::Latest` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Frozen` (r:1 w:1)
	/// Proof: `OracleConsumer::Frozen` (`max_values`: None, `max_size`: Some(12), added: 2487, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForFrozen` (r:1 w:1)
	/// Proof: `OracleConsumer::CounterForFrozen` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForLatest` (r:1 w:1)
	/// Proof: `OracleConsumer::CounterForLatest` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Held` (r:1 w:1)
	/// Proof: `OracleConsumer::Held` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Guards` (r:1 w:1)
	/// Proof: `OracleConsumer::Guards` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForGuards` (r:1 w:1)
	/// Proof: `OracleConsumer::CounterForGuards` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::History` (r:0 w:1)
	/// Proof: `OracleConsumer::History` (`max_values`: None, `max_size`: Some(1325), added: 3800, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::OracleStatus` (r:0 w:1)
	/// Proof: `OracleConsumer::OracleStatus` (`max_values`: None, `max_size`: Some(13), added: 2488, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::MaxAge` (r:0 w:1)
	/// Proof: `OracleConsumer::MaxAge` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `423`
		//  Estimated: `3560`
		// Minimum execution time: 46_770_000 picoseconds.
		Weight::from_parts(56_494_000, 3560)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `OracleConsumer::Guards` (r:1 w:1)
	/// Proof: `OracleConsumer::Guards` (`max_values`: None, `max_size`: Some(95), added: 2570, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Held` (r:1 w:1)
	/// Proof: `OracleConsumer::Held` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	fn set_guard() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `301`
		//  Estimated: `3560`
		// Minimum execution time: 21_943_000 picoseconds.
		Weight::from_parts(30_936_000, 3560)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleConsumer::Frozen` (r:1 w:1)
	/// Proof: `OracleConsumer::Frozen` (`max_values`: None, `max_size`: Some(12), added: 2487, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForFrozen` (r:1 w:1)
	/// Proof: `OracleConsumer::CounterForFrozen` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::Held` (r:1 w:1)
	/// Proof: `OracleConsumer::Held` (`max_values`: None, `max_size`: Some(94), added: 2569, mode: `MaxEncodedLen`)
	fn freeze_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `270`
		//  Estimated: `3559`
		// Minimum execution time: 21_863_000 picoseconds.
		Weight::from_parts(32_719_000, 3559)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `OracleConsumer::Frozen` (r:1 w:1)
	/// Proof: `OracleConsumer::Frozen` (`max_values`: None, `max_size`: Some(12), added: 2487, mode: `MaxEncodedLen`)
	/// Storage: `OracleConsumer::CounterForFrozen` (r:1 w:1)
	/// Proof: `OracleConsumer::CounterForFrozen` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn unfreeze_feed() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `62`
		//  Estimated: `3477`
		// Minimum execution time: 14_362_000 picoseconds.
		Weight::from_parts(23_364_000, 3477)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleConsumer::Paused` (r:1 w:1)
	/// Proof: `OracleConsumer::Paused` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn set_paused() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3`
		//  Estimated: `1486`
		// Minimum execution time: 7_441_000 picoseconds.
		Weight::from_parts(9_264_000, 1486)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn deliver(n: u32, s: u32, ) -> Weight {
		Weight::from_parts(16_588_002, 1493)
			.saturating_add(Weight::from_parts(42_268_494, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(11_220_395, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 3800).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 2569).saturating_mul(s.into()))
	}
	fn set_max_age() -> Weight {
		Weight::from_parts(15_743_000, 3559)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(56_494_000, 3560)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
	}
	fn set_guard() -> Weight {
		Weight::from_parts(30_936_000, 3560)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn freeze_feed() -> Weight {
		Weight::from_parts(32_719_000, 3559)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unfreeze_feed() -> Weight {
		Weight::from_parts(23_364_000, 3477)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_paused() -> Weight {
		Weight::from_parts(9_264_000, 1486)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
