//! Fuzz target `decimal`: see `pallet_oracle_aggregation::fuzzing::decimal`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pallet_oracle_aggregation::fuzzing::decimal(data));
