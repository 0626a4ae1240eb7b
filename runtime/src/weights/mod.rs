//! Weights of the runtime.
//!
//! The base block, base extrinsic and database weights are Substrate's reference values for
//! RocksDB (`frame_support::weights::constants`): about 25 µs per read and 100 µs per write.
//! The pallets' own call weights come from their benchmarks, and the weights of the XCM
//! instructions the chain executes from `pallet-xcm-benchmarks` (`xcm_generic`, `xcm_fungible`).

pub use frame_support::weights::constants::{
	BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight,
};

pub mod xcm_fungible;
pub mod xcm_generic;
