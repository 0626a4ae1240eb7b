//! Weights of `pallet_oracle_sla`: conservative estimates (fixed costs plus the runtime's
//! `DbWeight` per storage access), to be replaced by the output of `scripts/benchmark.sh` for
//! the pallet's benchmarks in `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

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
	fn set_terms() -> Weight {
		Weight::from_parts(20_000_000, 3_500).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn clear_terms() -> Weight {
		Weight::from_parts(20_000_000, 3_500).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn rounds_resolved(r: u32, o: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(3, 2))
			.saturating_add(Weight::from_parts(30_000_000, 10_000).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 3).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(10_000_000, 3_000).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1).saturating_mul(o.into()))
	}
	fn report_offence() -> Weight {
		Weight::from_parts(200_000_000, 50_000).saturating_add(T::DbWeight::get().reads_writes(20, 10))
	}
	fn end_session(o: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
			.saturating_add(Weight::from_parts(1_000_000, 100).saturating_mul(o.into()))
	}
}

impl WeightInfo for () {
	fn set_terms() -> Weight {
		Weight::from_parts(20_000_000, 3_500).saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn clear_terms() -> Weight {
		Weight::from_parts(20_000_000, 3_500).saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn rounds_resolved(r: u32, o: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(Weight::from_parts(30_000_000, 10_000).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(10_000_000, 3_000).saturating_mul(o.into()))
	}
	fn report_offence() -> Weight {
		Weight::from_parts(200_000_000, 50_000)
	}
	fn end_session(o: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 5_000)
			.saturating_add(Weight::from_parts(1_000_000, 100).saturating_mul(o.into()))
	}
}
