//! Fuzz target `aggregation`: see `pallet_oracle_aggregation::fuzzing::aggregation`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pallet_oracle_aggregation::fuzzing::aggregation(data));
