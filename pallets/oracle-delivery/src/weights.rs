
//! Weights of `pallet_oracle_delivery`, generated from its benchmarks by `scripts/benchmark.sh`; do not
//! edit by hand.
//!
//! Benchmark CLI 64.0.0, 2026-12-08; steps 10, repeat 3; wasm
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
// pallet_oracle_delivery
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
// pallets/oracle-delivery/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_oracle_delivery`.
pub trait WeightInfo {
	fn subscribe() -> Weight;
	fn update_subscription() -> Weight;
	fn unsubscribe() -> Weight;
	fn rounds_resolved(s: u32, ) -> Weight;
	fn push_states(s: u32, ) -> Weight;
	fn feed_updated(s: u32, ) -> Weight;
}

/// Weights for `pallet_oracle_delivery` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `OracleAggregation::Heads` (r:1 w:0)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::Subscriptions` (r:4 w:1)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::ParaSubscriptions` (r:1 w:1)
	/// Proof: `OracleDelivery::ParaSubscriptions` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::SubscriptionCount` (r:1 w:1)
	/// Proof: `OracleDelivery::SubscriptionCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::NextSubscriptionId` (r:1 w:1)
	/// Proof: `OracleDelivery::NextSubscriptionId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:16 w:0)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5722), added: 8197, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn subscribe() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `14871`
		//  Estimated: `132142`
		// Minimum execution time: 341_768_000 picoseconds.
		Weight::from_parts(529_409_000, 132142)
			.saturating_add(T::DbWeight::get().reads(26_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `OracleDelivery::Subscriptions` (r:5 w:1)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:1 w:0)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Feeds` (r:15 w:0)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5722), added: 8197, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn update_subscription() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `14383`
		//  Estimated: `123945`
		// Minimum execution time: 331_820_000 picoseconds.
		Weight::from_parts(379_849_000, 123945)
			.saturating_add(T::DbWeight::get().reads(23_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `OracleDelivery::Subscriptions` (r:1 w:1)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::ParaSubscriptions` (r:1 w:1)
	/// Proof: `OracleDelivery::ParaSubscriptions` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::SubscriptionCount` (r:1 w:1)
	/// Proof: `OracleDelivery::SubscriptionCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn unsubscribe() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1264`
		//  Estimated: `5229`
		// Minimum execution time: 95_538_000 picoseconds.
		Weight::from_parts(107_461_000, 5229)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `OracleDelivery::PushesInBlock` (r:1 w:1)
	/// Proof: `OracleDelivery::PushesInBlock` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::Subscriptions` (r:17 w:16)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:16 w:16)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `XcmpQueue::OutboundXcmpStatus` (r:1 w:1)
	/// Proof: `XcmpQueue::OutboundXcmpStatus` (`max_values`: Some(1), `max_size`: Some(2306), added: 2801, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::RelevantMessagingState` (r:1 w:0)
	/// Proof: `ParachainSystem::RelevantMessagingState` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `XcmpQueue::OutboundXcmpMessages` (r:0 w:16)
	/// Proof: `XcmpQueue::OutboundXcmpMessages` (`max_values`: None, `max_size`: Some(105506), added: 107981, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[0, 16]`.
	fn rounds_resolved(s: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `151 + s * (960 ±0)`
		//  Estimated: `5229 + s * (4239 ±0)`
		// Minimum execution time: 301_000 picoseconds.
		Weight::from_parts(22_772_211, 5229)
			// Standard Error: 101_547
			.saturating_add(Weight::from_parts(76_276_463, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 4239).saturating_mul(s.into()))
	}
	/// Storage: `OracleDelivery::PushesInBlock` (r:1 w:1)
	/// Proof: `OracleDelivery::PushesInBlock` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleAggregation::Heads` (r:1 w:0)
	/// Proof: `OracleAggregation::Heads` (`max_values`: Some(1), `max_size`: Some(47002), added: 47497, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::Subscriptions` (r:17 w:16)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:16 w:16)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `XcmpQueue::OutboundXcmpStatus` (r:1 w:1)
	/// Proof: `XcmpQueue::OutboundXcmpStatus` (`max_values`: Some(1), `max_size`: Some(2306), added: 2801, mode: `MaxEncodedLen`)
	/// Storage: `ParachainSystem::RelevantMessagingState` (r:1 w:0)
	/// Proof: `ParachainSystem::RelevantMessagingState` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `XcmpQueue::OutboundXcmpMessages` (r:0 w:16)
	/// Proof: `XcmpQueue::OutboundXcmpMessages` (`max_values`: None, `max_size`: Some(105506), added: 107981, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::StatesRetryAt` (r:0 w:1)
	/// Proof: `OracleDelivery::StatesRetryAt` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::StatesChanged` (r:0 w:1)
	/// Proof: `OracleDelivery::StatesChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[0, 16]`.
	fn push_states(s: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1231 + s * (960 ±0)`
		//  Estimated: `48487 + s * (4239 ±0)`
		// Minimum execution time: 21_380_000 picoseconds.
		Weight::from_parts(41_548_646, 48487)
			// Standard Error: 145_159
			.saturating_add(Weight::from_parts(69_440_336, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 4239).saturating_mul(s.into()))
	}
	/// Storage: `OracleDelivery::Subscriptions` (r:17 w:16)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[0, 16]`.
	fn feed_updated(s: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `95 + s * (1761 ±0)`
		//  Estimated: `5229 + s * (4239 ±0)`
		// Minimum execution time: 4_479_000 picoseconds.
		Weight::from_parts(11_894_318, 5229)
			// Standard Error: 77_722
			.saturating_add(Weight::from_parts(14_518_096, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 4239).saturating_mul(s.into()))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn subscribe() -> Weight {
		Weight::from_parts(529_409_000, 132142)
			.saturating_add(RocksDbWeight::get().reads(26_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn update_subscription() -> Weight {
		Weight::from_parts(379_849_000, 123945)
			.saturating_add(RocksDbWeight::get().reads(23_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unsubscribe() -> Weight {
		Weight::from_parts(107_461_000, 5229)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn rounds_resolved(s: u32, ) -> Weight {
		Weight::from_parts(22_772_211, 5229)
			.saturating_add(Weight::from_parts(76_276_463, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 4239).saturating_mul(s.into()))
	}
	fn push_states(s: u32, ) -> Weight {
		Weight::from_parts(41_548_646, 48487)
			.saturating_add(Weight::from_parts(69_440_336, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 4239).saturating_mul(s.into()))
	}
	fn feed_updated(s: u32, ) -> Weight {
		Weight::from_parts(11_894_318, 5229)
			.saturating_add(Weight::from_parts(14_518_096, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 4239).saturating_mul(s.into()))
	}
}
