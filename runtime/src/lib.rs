//! # Oracle parachain runtime
//!
//! A Cumulus parachain runtime whose collators are its oracle operators. Operators are elected by
//! stake: `pallet-staking` is the session manager of `pallet-session`, so anyone can bond,
//! `validate` (collate with Aura and operate the oracle) and be nominated. Each operator's session
//! keys carry an `aura` key for block production and an `oracle` key for signing oracle
//! submissions. Misbehaviour is reported through `pallet-offences` to `pallet-staking`, which
//! slashes after `SlashDeferDuration` eras unless Root cancels the deferred slash.
//!
//! The chain speaks XCM with the relay chain and its siblings ([`configs::xcm`]): it executes
//! what siblings pay for in its token (an on-demand round, managing their subscriptions) and
//! answers to its own queries, nothing else; `pallet-oracle-delivery` pushes resolved rounds to
//! subscribed siblings over XCMP.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` recurses deeply.
#![recursion_limit = "256"]

extern crate alloc;

// The wasm binary, built by `build.rs`.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks {
	use alloc::{format, vec::Vec};

	frame_benchmarking::define_benchmarks!(
		[pallet_oracle_aggregation, crate::OracleAggregation]
		[pallet_oracle_sla, crate::OracleSla]
		[pallet_oracle_delivery, crate::OracleDelivery]
		[pallet_xcm_benchmarks::generic, crate::benchmarks::XcmGeneric]
		[pallet_xcm_benchmarks::fungible, crate::benchmarks::XcmFungible]
	);

	/// The XCM instructions the chain executes, as `pallet-xcm-benchmarks` measures them
	/// (`scripts/benchmark.sh xcm` runs those, and only those, the weigher prices).
	pub type XcmGeneric = pallet_xcm_benchmarks::generic::Pallet<crate::Runtime>;
	pub type XcmFungible = pallet_xcm_benchmarks::fungible::Pallet<crate::Runtime>;

	mod xcm_benchmarks {
		use crate::{
			configs::xcm::{LocationToAccountId, MaxAssetsIntoHolding, XcmConfig},
			AccountId, Balances, Runtime, RuntimeCall, EXISTENTIAL_DEPOSIT, UNIT,
		};
		use frame_benchmarking::BenchmarkError;
		use frame_support::{parameter_types, weights::Weight};
		use xcm::latest::prelude::*;

		parameter_types! {
			pub NoCheckingAccount: Option<(AccountId, xcm_builder::MintLocation)> = None;
			pub const NoTrustedLocation: Option<(Location, Asset)> = None;
		}

		impl pallet_xcm_benchmarks::Config for Runtime {
			type XcmConfig = XcmConfig;
			type AccountIdConverter = LocationToAccountId;
			type DeliveryHelper = ();

			/// An account that does not exist yet: a deposit creates it, the costlier case.
			fn valid_destination() -> Result<Location, BenchmarkError> {
				Ok(AccountId32 { network: None, id: [7; 32] }.into())
			}

			fn worst_case_holding(depositable_count: u32) -> xcm_executor::AssetsInHolding {
				pallet_xcm_benchmarks::generate_holding_assets(
					MaxAssetsIntoHolding::get().saturating_sub(depositable_count),
				)
			}
		}

		impl pallet_xcm_benchmarks::fungible::Config for Runtime {
			type TransactAsset = Balances;
			type CheckedAccount = NoCheckingAccount;
			type TrustedTeleporter = NoTrustedLocation;
			type TrustedReserve = NoTrustedLocation;

			fn get_asset() -> Asset {
				(Here, 100 * EXISTENTIAL_DEPOSIT).into()
			}
		}

		impl pallet_xcm_benchmarks::generic::Config for Runtime {
			type RuntimeCall = RuntimeCall;
			type TransactAsset = Balances;

			fn worst_case_response() -> (u64, Response) {
				(0, Response::Version(Default::default()))
			}

			/// A sibling cancelling another sibling's subscription: `Transact`'s own cost
			/// (decoding, the call filter, the origin, dispatching) with a call that fails at
			/// once, before reading storage; the weigher adds the call's declared weight.
			fn transact_origin_and_runtime_call() -> Result<(Location, RuntimeCall), BenchmarkError>
			{
				let call = RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::unsubscribe {
					para: 2001,
					subscription: 0,
				});
				Ok((Location::new(1, [Parachain(2000)]), call))
			}

			fn worst_case_for_trader() -> Result<(Asset, WeightLimit), BenchmarkError> {
				Ok(((Here, 1_000 * UNIT).into(), Limited(Weight::from_parts(5_000, 5_000))))
			}

			// The chain executes none of the instructions below: its weigher refuses them.
			fn worst_case_asset_exchange() -> Result<(Assets, Assets), BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
			fn universal_alias() -> Result<(Location, Junction), BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
			fn subscribe_origin() -> Result<Location, BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
			fn claimable_asset() -> Result<(Location, Location, Assets), BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
			fn unlockable_asset() -> Result<(Location, Location, Asset), BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
			fn export_message_origin_and_destination(
			) -> Result<(Location, NetworkId, InteriorLocation), BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
			fn alias_origin() -> Result<(Location, Location), BenchmarkError> {
				Err(BenchmarkError::Skip)
			}
		}
	}

	/// Channels to siblings and feeds for the delivery pallet's benchmarks.
	pub struct DeliveryHelper;
	impl pallet_oracle_delivery::types::BenchmarkHelper for DeliveryHelper {
		fn open_route(para: pallet_oracle_delivery::types::ParaId) {
			crate::open_channel_for_tests(para);
		}

		fn feeds(n: u32) -> Vec<pallet_oracle_delivery::types::FeedId> {
			let template = crate::genesis_config_presets::preset_feeds(true, 1)
				.into_iter()
				.next()
				.expect("the presets have feeds");
			(0..n)
				.map(|index| {
					let mut config = template.clone();
					config.name = frame_support::BoundedVec::truncate_from(
						format!("BENCH{index}/USD").into_bytes(),
					);
					crate::OracleAggregation::do_create_feed(config).expect("a valid feed")
				})
				.collect()
		}
	}
}

pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use frame_support::weights::{
	constants::WEIGHT_REF_TIME_PER_SECOND, Weight, WeightToFeeCoefficient, WeightToFeeCoefficients,
	WeightToFeePolynomial,
};
use smallvec::smallvec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};
use sp_version::RuntimeVersion;

pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_runtime::{MultiAddress, Perbill, Permill};

use weights::ExtrinsicBaseWeight;

/// The signature type of transactions.
pub type Signature = MultiSignature;

/// An account: the public key of the transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account.
pub type Balance = u128;

/// Index of a transaction of an account.
pub type Nonce = u32;

/// Hash of blocks and tries.
pub type Hash = sp_core::H256;

/// Block number.
pub type BlockNumber = u32;

/// The address format of transactions.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block with justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions: the usual checks, wrapped in storage-weight reclaim so that the
/// proof size a transaction really used is what the block accounts.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	),
>;

/// A transaction as it arrives from outside.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Storage migrations run on the next runtime upgrade: each runs only from the storage version
/// it migrates, so that listing it again is harmless.
pub type Migrations = (pallet_oracle_delivery::migrations::v2::MigrateV1ToV2<Runtime>,);

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

/// Converts a weight into a fee: the base weight of an extrinsic costs 1/10 `MILLIUNIT`.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = MILLIUNIT / 10;
		let q = 100 * Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// Types the node can use without knowing the runtime's transaction format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys of an operator: `aura` produces blocks, `oracle` signs submissions.
	pub struct SessionKeys {
		pub aura: Aura,
		pub oracle: OracleAggregation,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("oracle-parachain"),
	impl_name: Cow::Borrowed("oracle-parachain"),
	authoring_version: 1,
	spec_version: 2,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time. Blocks are produced at most once per slot of this length.
pub const MILLISECS_PER_BLOCK: u64 = 6000;

/// Aura slot duration. It cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One token: 12 decimals.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a token.
pub const MILLIUNIT: Balance = 1_000_000_000;
/// A millionth of a token.
pub const MICROUNIT: Balance = 1_000_000;

/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLIUNIT;

/// About 5 % of the block weight goes to `on_initialize` hooks; this limits a single extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// Normal extrinsics may fill 75 % of a block; the rest is for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per 6 s block, and the relay chain's maximum proof size.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// How many blocks may be built but not yet included by the relay chain.
const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// How many parachain blocks the relay chain processes per relay parent.
const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Relay chain slot duration in milliseconds.
const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = staging_parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Governance.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;

	// Staked operator set. Genesis is built in this order: staking elects, session sets the keys
	// and hands them to Aura and the oracle, AuraExt copies Aura's authorities.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type Staking = pallet_staking;
	#[runtime::pallet_index(22)]
	pub type Offences = pallet_offences;
	#[runtime::pallet_index(23)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(24)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(25)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(26)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// Messaging with the relay chain and siblings.
	#[runtime::pallet_index(30)]
	pub type MessageQueue = pallet_message_queue;
	#[runtime::pallet_index(31)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(32)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type CumulusXcm = cumulus_pallet_xcm;

	// The oracle.
	#[runtime::pallet_index(50)]
	pub type OracleAggregation = pallet_oracle_aggregation;
	#[runtime::pallet_index(51)]
	pub type OracleSla = pallet_oracle_sla;
	#[runtime::pallet_index(52)]
	pub type OracleDelivery = pallet_oracle_delivery;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}

/// Opens an outbound HRMP channel to `para` next to those already open (parachain-system's own
/// helper replaces them all), for the benchmarks and tests that push to many siblings.
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub fn open_channel_for_tests(para: u32) {
	use cumulus_pallet_parachain_system::RelevantMessagingState;
	let Some(mut state) = RelevantMessagingState::<Runtime>::get() else {
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(para.into());
		return;
	};
	let para = cumulus_primitives_core::ParaId::from(para);
	if state.egress_channels.iter().any(|(id, _)| *id == para) {
		return;
	}
	let channel = cumulus_primitives_core::AbridgedHrmpChannel {
		max_capacity: 10,
		max_total_size: 10_000_000,
		max_message_size: 10_000_000,
		msg_count: 0,
		total_size: 0,
		mqc_head: None,
	};
	state.egress_channels.push((para, channel));
	state.egress_channels.sort_by_key(|(id, _)| *id);
	RelevantMessagingState::<Runtime>::put(state);
}

#[cfg(test)]
mod capacity_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod xcm_tests;
