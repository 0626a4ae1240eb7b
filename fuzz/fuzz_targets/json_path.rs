//! Fuzz target `json_path`: see `pallet_oracle_aggregation::fuzzing::json_path`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pallet_oracle_aggregation::fuzzing::json_path(data));
