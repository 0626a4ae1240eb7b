//! # Buffer study
//!
//! Chooses a price feed's buffer parameters (quorum, aggregation method, heartbeat, deviation
//! threshold, buffer length) by replaying price paths through the oracle pallets themselves:
//! the aggregation pallet's offchain planning, source parsing, outlier rejection and
//! deviation gate, its `submit` call and round resolution, and the SLA pallet's classification
//! and offences, in a simulated chain ([`runtime`]) configured as the parachain's runtime.
//!
//! [`market`] makes the world (true prices, venues, their faults), [`sim`] runs one setting
//! for one federation of operators, [`study`] sweeps the settings and picks the
//! recommendation, and [`report`] writes `docs/buffer-study.md` with its tables, plots and
//! `docs/buffer-study/recommended.json`, which the runtime's presets are tested against.

#[cfg(test)]
mod adversary;
#[cfg(test)]
mod framing;
pub mod market;
pub mod report;
pub mod runtime;
pub mod sim;
pub mod study;
pub mod svg;

/// A report of the simulated runtime.
pub type ReportOf = pallet_oracle_aggregation::ReportOf<runtime::Sim>;
/// Its signature.
pub type SignatureOf = pallet_oracle_aggregation::SignatureOf<runtime::Sim>;
