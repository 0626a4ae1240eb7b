
//! Weights of `pallet_xcm_benchmarks::generic`, generated from its benchmarks by `scripts/benchmark.sh`; do not
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
// pallet_xcm_benchmarks::generic
// --extrinsic
// buy_execution,transact,refund_surplus,set_topic,query_response
// --steps
// 10
// --repeat
// 3
// --heap-pages
// 4096
// --template
// scripts/weight-template.hbs
// --output
// runtime/src/weights/xcm_generic.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_xcm_benchmarks::generic`.
pub trait WeightInfo {
	fn buy_execution() -> Weight;
	fn query_response() -> Weight;
	fn transact() -> Weight;
	fn refund_surplus() -> Weight;
	fn set_topic() -> Weight;
}

/// Weights for `pallet_xcm_benchmarks::generic` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn buy_execution() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 7_682_000 picoseconds.
		Weight::from_parts(10_155_000, 0)
	}
	/// Storage: `PolkadotXcm::Queries` (r:1 w:0)
	/// Proof: `PolkadotXcm::Queries` (`max_values`: None, `max_size`: None, mode: `Measured`)
	fn query_response() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `3465`
		// Minimum execution time: 6_409_000 picoseconds.
		Weight::from_parts(7_541_000, 3465)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	fn transact() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 5_248_000 picoseconds.
		Weight::from_parts(6_720_000, 0)
	}
	fn refund_surplus() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 1_452_000 picoseconds.
		Weight::from_parts(1_972_000, 0)
	}
	fn set_topic() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 701_000 picoseconds.
		Weight::from_parts(952_000, 0)
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn buy_execution() -> Weight {
		Weight::from_parts(10_155_000, 0)
	}
	fn query_response() -> Weight {
		Weight::from_parts(7_541_000, 3465)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn transact() -> Weight {
		Weight::from_parts(6_720_000, 0)
	}
	fn refund_surplus() -> Weight {
		Weight::from_parts(1_972_000, 0)
	}
	fn set_topic() -> Weight {
		Weight::from_parts(952_000, 0)
	}
}
