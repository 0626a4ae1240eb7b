
//! Weights of `pallet_oracle_sla`, generated from its benchmarks by `scripts/benchmark.sh`; do not
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
// pallet_oracle_sla
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
// pallets/oracle-sla/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(clippy::unnecessary_cast)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed by `pallet_oracle_sla`.
pub trait WeightInfo {
	fn set_terms() -> Weight;
	fn clear_terms() -> Weight;
	fn rounds_resolved(r: u32, o: u32, ) -> Weight;
	fn report_offence() -> Weight;
	fn end_session(o: u32, ) -> Weight;
}

/// Weights for `pallet_oracle_sla` in a runtime, priced by its `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `OracleAggregation::Feeds` (r:1 w:0)
	/// Proof: `OracleAggregation::Feeds` (`max_values`: None, `max_size`: Some(5722), added: 8197, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	fn set_terms() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `73284`
		//  Estimated: `74487`
		// Minimum execution time: 179_987_000 picoseconds.
		Weight::from_parts(213_299_000, 74487)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `OracleSla::FeedStates` (r:1 w:1)
	/// Proof: `OracleSla::FeedStates` (`max_values`: Some(1), `max_size`: Some(73002), added: 73497, mode: `MaxEncodedLen`)
	fn clear_terms() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `73036`
		//  Estimated: `74487`
		// Minimum execution time: 141_164_000 picoseconds.
		Weight::from_parts(201_807_000, 74487)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
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
	/// Storage: `OracleDelivery::PushesInBlock` (r:1 w:1)
	/// Proof: `OracleDelivery::PushesInBlock` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `OracleDelivery::Subscriptions` (r:1 w:0)
	/// Proof: `OracleDelivery::Subscriptions` (`max_values`: None, `max_size`: Some(1764), added: 4239, mode: `MaxEncodedLen`)
	/// Storage: `OracleSla::Records` (r:0 w:200)
	/// Proof: `OracleSla::Records` (`max_values`: None, `max_size`: Some(2726), added: 5201, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 100]`.
	/// The range of component `o` is `[1, 31]`.
	fn rounds_resolved(r: u32, o: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `73841 + o * (165 ±0)`
		//  Estimated: `77307 + o * (2615 ±0)`
		// Minimum execution time: 447_646_000 picoseconds.
		Weight::from_parts(464_568_000, 77307)
			// Standard Error: 366_662
			.saturating_add(Weight::from_parts(15_551_852, 0).saturating_mul(r.into()))
			// Standard Error: 1_184_203
			.saturating_add(Weight::from_parts(27_485_147, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2615).saturating_mul(o.into()))
	}
	/// Storage: `Session::Validators` (r:1 w:0)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Offences::ConcurrentReportsIndex` (r:1 w:1)
	/// Proof: `Offences::ConcurrentReportsIndex` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Offences::Reports` (r:1 w:1)
	/// Proof: `Offences::Reports` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::SlashRewardFraction` (r:1 w:0)
	/// Proof: `Staking::SlashRewardFraction` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ActiveEra` (r:1 w:0)
	/// Proof: `Staking::ActiveEra` (`max_values`: Some(1), `max_size`: Some(13), added: 508, mode: `MaxEncodedLen`)
	/// Storage: `Staking::ErasStartSessionIndex` (r:1 w:0)
	/// Proof: `Staking::ErasStartSessionIndex` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Staking::Invulnerables` (r:1 w:0)
	/// Proof: `Staking::Invulnerables` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::ErasStakersOverview` (r:1 w:0)
	/// Proof: `Staking::ErasStakersOverview` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `Session::DisabledValidators` (r:1 w:0)
	/// Proof: `Session::DisabledValidators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::ValidatorSlashInEra` (r:1 w:1)
	/// Proof: `Staking::ValidatorSlashInEra` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Staking::SlashingSpans` (r:1 w:1)
	/// Proof: `Staking::SlashingSpans` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `Staking::SpanSlash` (r:1 w:1)
	/// Proof: `Staking::SpanSlash` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Staking::UnappliedSlashes` (r:1 w:1)
	/// Proof: `Staking::UnappliedSlashes` (`max_values`: None, `max_size`: None, mode: `Measured`)
	/// Storage: `OracleSla::Stats` (r:1 w:1)
	/// Proof: `OracleSla::Stats` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn report_offence() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1036`
		//  Estimated: `4501`
		// Minimum execution time: 102_601_000 picoseconds.
		Weight::from_parts(117_499_000, 4501)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `OracleSla::SessionTally` (r:1 w:1)
	/// Proof: `OracleSla::SessionTally` (`max_values`: Some(1), `max_size`: Some(2481), added: 2976, mode: `MaxEncodedLen`)
	/// Storage: `Session::Validators` (r:1 w:0)
	/// Proof: `Session::Validators` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `o` is `[1, 31]`.
	fn end_session(o: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `175 + o * (80 ±0)`
		//  Estimated: `3966 + o * (80 ±0)`
		// Minimum execution time: 10_830_000 picoseconds.
		Weight::from_parts(12_644_725, 3966)
			// Standard Error: 719
			.saturating_add(Weight::from_parts(166_322, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 80).saturating_mul(o.into()))
	}
}

/// The same weights priced with RocksDB's figures, for tests and mocks.
impl WeightInfo for () {
	fn set_terms() -> Weight {
		Weight::from_parts(213_299_000, 74487)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn clear_terms() -> Weight {
		Weight::from_parts(201_807_000, 74487)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn rounds_resolved(r: u32, o: u32, ) -> Weight {
		Weight::from_parts(464_568_000, 77307)
			.saturating_add(Weight::from_parts(15_551_852, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(27_485_147, 0).saturating_mul(o.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2615).saturating_mul(o.into()))
	}
	fn report_offence() -> Weight {
		Weight::from_parts(117_499_000, 4501)
			.saturating_add(RocksDbWeight::get().reads(14_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	fn end_session(o: u32, ) -> Weight {
		Weight::from_parts(12_644_725, 3966)
			.saturating_add(Weight::from_parts(166_322, 0).saturating_mul(o.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 80).saturating_mul(o.into()))
	}
}
