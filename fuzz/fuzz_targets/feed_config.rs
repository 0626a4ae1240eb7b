//! Fuzz target `feed_config`: see `pallet_oracle_aggregation::fuzzing::feed_config`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pallet_oracle_aggregation::fuzzing::feed_config(data));
