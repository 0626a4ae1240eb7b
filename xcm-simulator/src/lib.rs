//! The oracle chain's XCM paths between chains, under xcm-simulator.
//!
//! Three parachains and a relay chain, each a mock runtime with the real pallets:
//!
//! - [`oracle`] (para [`ORACLE_PARA`]): the aggregation and delivery pallets, pallet-xcm, and
//!   the oracle runtime's XCM configuration (paid execution only, siblings' sovereign
//!   accounts). Its router can be cut ([`oracle::cut_link`]) to stand for a closed channel.
//! - [`consumer`] (para [`CONSUMER_PARA`]): the receiver pallet, behind the barrier and origin
//!   its documentation prescribes (unpaid execution from the oracle chain only; `deliver` from
//!   the oracle chain's `Xcm` origin only). It also executes paid messages from anyone, as a
//!   general-purpose chain does, so that the receiver's own origin check is what a stranger's
//!   paid `Transact` meets.
//! - A stranger (para [`STRANGER_PARA`]): another chain running the oracle's runtime, which
//!   tries to pass its own values off as the oracle's.
//!
//! Messages sent in one chain's `execute_with` are delivered and executed when it returns. The
//! simulator does not model HRMP channels, their sizes or fees; the runtime tests cover those
//! on the real runtimes.

pub mod consumer;
pub mod oracle;
pub mod relay;

#[cfg(test)]
mod tests;

use xcm_simulator::{decl_test_network, decl_test_parachain, decl_test_relay_chain, TestExt};

/// The oracle chain's para id.
pub const ORACLE_PARA: u32 = 2000;
/// The consumer chain's para id.
pub const CONSUMER_PARA: u32 = 2001;
/// A chain that is not the oracle.
pub const STRANGER_PARA: u32 = 2002;

decl_test_parachain! {
	pub struct OraclePara {
		Runtime = oracle::Runtime,
		XcmpMessageHandler = oracle::MsgQueue,
		DmpMessageHandler = oracle::MsgQueue,
		new_ext = oracle::new_ext(ORACLE_PARA),
	}
}

decl_test_parachain! {
	pub struct StrangerPara {
		Runtime = oracle::Runtime,
		XcmpMessageHandler = oracle::MsgQueue,
		DmpMessageHandler = oracle::MsgQueue,
		new_ext = oracle::new_ext(STRANGER_PARA),
	}
}

decl_test_parachain! {
	pub struct ConsumerPara {
		Runtime = consumer::Runtime,
		XcmpMessageHandler = consumer::MsgQueue,
		DmpMessageHandler = consumer::MsgQueue,
		new_ext = consumer::new_ext(CONSUMER_PARA),
	}
}

decl_test_relay_chain! {
	pub struct Relay {
		Runtime = relay::Runtime,
		RuntimeCall = relay::RuntimeCall,
		RuntimeEvent = relay::RuntimeEvent,
		XcmConfig = relay::XcmConfig,
		MessageQueue = relay::MessageQueue,
		System = relay::System,
		new_ext = relay::new_ext(),
	}
}

decl_test_network! {
	pub struct Network {
		relay_chain = Relay,
		parachains = vec![
			(2000, OraclePara),
			(2001, ConsumerPara),
			(2002, StrangerPara),
		],
	}
}

/// Starts every chain afresh, with empty message buses.
pub fn reset() {
	Network::reset();
	oracle::cut_link(false);
}
