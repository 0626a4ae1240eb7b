//! XCM: what the chain executes from the relay chain and its siblings, and how it sends.
//!
//! The chain serves siblings that pay, for the two things they use it for: requesting rounds
//! and managing their subscriptions. A message executes only if it comes from a sibling itself
//! (never an account inside it), has exactly the shape of such a request (`WithdrawAsset` and
//! `BuyExecution` paying with this chain's token from the sibling's sovereign account,
//! `Transact` as that account, `RefundSurplus`, `DepositAsset`, a trailing `SetTopic`) and its
//! call is one of those ([`SiblingCalls`]); or if it answers a query this chain made. No asset
//! moves between chains (no teleports, no reserves).
//!
//! The chain is nobody's relay: the executor sends nothing (its sender is `()`), and a deny
//! layer in front of the barrier refuses, at any depth, every instruction that would send,
//! transfer, export or subscribe. So a sibling cannot have a message put in another chain's
//! channel, in particular a subscriber's, whatever it pays. Outgoing messages are the delivery
//! pallet's pushes, through its own router, and Root's through pallet-xcm; they go to siblings
//! through the XCMP queue, free of delivery price: the delivery pallet takes its fee in the
//! chain's token itself.

use crate::{
	AccountId, AllPalletsWithSystem, Balances, MessageQueue, ParachainInfo, ParachainSystem,
	PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, WeightToFee, XcmpQueue,
};
use codec::DecodeLimit;
use cumulus_primitives_core::{AggregateMessageOrigin, ParaId};
use frame_support::{
	ensure, parameter_types,
	traits::{
		ConstU32, Contains, Disabled, Everything, Nothing, ProcessMessageError, QueueFootprint,
		QueuePausedQuery, TransformOrigin,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::xcm_sender::NoPriceForMessageDelivery;
use sp_runtime::traits::Convert;
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowKnownQueryResponses, AllowTopLevelPaidExecutionFrom, DenyRecursively,
	DenyThenTry, FixedWeightBounds, FrameTransactionalProcessor, FungibleAdapter, IsConcrete,
	ParentIsPreset, SiblingParachainConvertsVia, SovereignSignedViaLocation, TakeWeightCredit,
	TrailingSetTopicAsId, UsingComponents, WithUniqueTopic,
};
use xcm_executor::{
	traits::{DenyExecution, Properties, ShouldExecute},
	XcmExecutor,
};

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	/// This chain's token, as XCM names it here.
	pub const HereLocation: Location = Location::here();
	pub const RelayNetwork: Option<NetworkId> = None;
	pub UniversalLocation: InteriorLocation = [Parachain(ParachainInfo::parachain_id().into())].into();
}

/// Accounts of locations: the relay chain's, siblings' sovereign accounts, and plain accounts.
pub type LocationToAccountId = (
	ParentIsPreset<AccountId>,
	SiblingParachainConvertsVia<Sibling, AccountId>,
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// The chain's token, held in the accounts of `LocationToAccountId`; nothing is teleported.
pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

/// Origins of `Transact`: a sibling's sovereign account as a signed origin, and nothing else
/// (the barrier admits no other `OriginKind`).
pub type XcmOriginToTransactDispatchOrigin =
	(SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,);

/// The calls a sibling may make here: request a round, and manage its subscriptions (each
/// call checks that the subscription is the caller's).
pub struct SiblingCalls;
impl SiblingCalls {
	/// Whether `encoded` is exactly one call a sibling may make (decoded as the executor would,
	/// with XCM's decoding depth limit).
	pub fn admits_encoded(mut encoded: &[u8]) -> bool {
		RuntimeCall::decode_all_with_depth_limit(xcm::MAX_XCM_DECODE_DEPTH, &mut encoded)
			.is_ok_and(|call| Self::contains(&call))
	}
}
impl Contains<RuntimeCall> for SiblingCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round { .. })
				| RuntimeCall::OracleDelivery(
					pallet_oracle_delivery::Call::subscribe { .. }
						| pallet_oracle_delivery::Call::update_subscription { .. }
						| pallet_oracle_delivery::Call::unsubscribe { .. }
				)
		)
	}
}

/// Refuses a message holding an instruction that would have this chain send a message,
/// move assets to another chain, export, or subscribe to anything (checked at every depth by
/// [`DenyRecursively`]).
pub struct DenyOnwardMessages;
impl DenyExecution for DenyOnwardMessages {
	fn deny_execution<Call>(
		_origin: &Location,
		instructions: &mut [Instruction<Call>],
		_max_weight: Weight,
		_properties: &mut Properties,
	) -> Result<(), ProcessMessageError> {
		let onward =
			instructions.iter().any(|instruction| {
				matches!(
					instruction,
					TransferReserveAsset { .. }
						| DepositReserveAsset { .. }
						| InitiateReserveWithdraw { .. }
						| InitiateTeleport { .. }
						| InitiateTransfer { .. }
						| ReportHolding { .. }
						| ReportError(_) | ReportTransactStatus(_)
						| QueryPallet { .. }
						| SubscribeVersion { .. }
						| UnsubscribeVersion
						| ExportMessage { .. }
						| LockAsset { .. } | UnlockAsset { .. }
						| NoteUnlockable { .. }
						| RequestUnlock { .. }
						| UniversalOrigin(_)
						| AliasOrigin(_)
				)
			});
		ensure!(!onward, ProcessMessageError::Unsupported);
		Ok(())
	}
}

/// Admits from a sibling itself (its exact location `(1, [Parachain(_)])`) a program of the
/// one shape a request from it has: `WithdrawAsset` and `BuyExecution` paying for at least the
/// message's weight (checked by [`AllowTopLevelPaidExecutionFrom`]), then only `Transact` of
/// one of [`SiblingCalls`] as its sovereign account, `RefundSurplus` and `DepositAsset` (a
/// trailing `SetTopic` is taken off before). Anything else is refused before a fee is taken,
/// so nothing of the sender's is withdrawn or trapped.
pub struct AllowPaidRequestsFromSiblings;
impl ShouldExecute for AllowPaidRequestsFromSiblings {
	fn should_execute<Call>(
		origin: &Location,
		instructions: &mut [Instruction<Call>],
		max_weight: Weight,
		properties: &mut Properties,
	) -> Result<(), ProcessMessageError> {
		ensure!(matches!(origin.unpack(), (1, [Parachain(_)])), ProcessMessageError::Unsupported);
		let shaped = instructions.iter().all(|instruction| match instruction {
			WithdrawAsset(_) | BuyExecution { .. } | RefundSurplus | DepositAsset { .. } => true,
			Transact { origin_kind: OriginKind::SovereignAccount, call, .. } => {
				SiblingCalls::admits_encoded(call.encoded())
			},
			_ => false,
		});
		ensure!(shaped, ProcessMessageError::Unsupported);
		AllowTopLevelPaidExecutionFrom::<Everything>::should_execute(
			origin,
			instructions,
			max_weight,
			properties,
		)
	}
}

parameter_types! {
	/// Every instruction is priced at 1 ms and 64 KiB of proof: far above what the few
	/// instructions the barrier admits cost, so that execution is never underpaid.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 8;
}

/// Nothing that would send, transfer or subscribe; then a sibling's paid request, or an answer
/// to this chain's query.
pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		DenyRecursively<DenyOnwardMessages>,
		(TakeWeightCredit, AllowKnownQueryResponses<PolkadotXcm>, AllowPaidRequestsFromSiblings),
	>,
>;

/// Messages to siblings, over XCMP, each with a unique topic.
pub type XcmRouter = WithUniqueTopic<(XcmpQueue,)>;

pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	/// The executor sends nothing: the chain is no relay for what it executes.
	type XcmSender = ();
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = LocalAssetTransactor;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	type IsReserve = ();
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	/// Execution is bought with the chain's token at the transaction fee rate, and burnt.
	type Trader = UsingComponents<WeightToFee, HereLocation, AccountId, Balances, ()>;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = SiblingCalls;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Only Root sends or executes XCM through pallet-xcm: the chain's own messages are the
	/// delivery pallet's.
	type SendXcmOrigin = EnsureRootWithSuccess<AccountId, HereLocation>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureRootWithSuccess<AccountId, HereLocation>;
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	type XcmReserveTransferFilter = Nothing;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<0>;
	/// Its calls are Root's only (sending, version and admin calls); their weights are
	/// pallet-xcm's own estimates.
	type WeightInfo = pallet_xcm::TestWeightInfo;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = Disabled;
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

/// A sibling's para id as the message queue's origin.
pub struct ParaIdToSibling;
impl Convert<ParaId, AggregateMessageOrigin> for ParaIdToSibling {
	fn convert(para_id: ParaId) -> AggregateMessageOrigin {
		AggregateMessageOrigin::Sibling(para_id)
	}
}

/// Tells the XCMP queue (which knows siblings only) about changes of siblings' queues.
pub struct NarrowOriginToSibling<Inner>(core::marker::PhantomData<Inner>);
impl<Inner: QueuePausedQuery<ParaId>> QueuePausedQuery<AggregateMessageOrigin>
	for NarrowOriginToSibling<Inner>
{
	fn is_paused(origin: &AggregateMessageOrigin) -> bool {
		match origin {
			AggregateMessageOrigin::Sibling(id) => Inner::is_paused(id),
			_ => false,
		}
	}
}
impl<Inner: pallet_message_queue::OnQueueChanged<ParaId>>
	pallet_message_queue::OnQueueChanged<AggregateMessageOrigin> for NarrowOriginToSibling<Inner>
{
	fn on_queue_changed(origin: AggregateMessageOrigin, footprint: QueueFootprint) {
		if let AggregateMessageOrigin::Sibling(id) = origin {
			Inner::on_queue_changed(id, footprint)
		}
	}
}

parameter_types! {
	/// The most siblings with messages queued to them at once.
	pub const MaxActiveOutboundChannels: u32 = 128;
	/// HRMP pages of at most 103 KiB, the relay chain's default message size limit.
	pub const MaxPageSize: u32 = 103 * 1024;
}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	/// Messages go out in the latest version, which every sibling of this release reads.
	type VersionWrapper = ();
	type XcmpQueue = TransformOrigin<MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = MaxActiveOutboundChannels;
	type MaxPageSize = MaxPageSize;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = cumulus_pallet_xcmp_queue::weights::SubstrateWeight<Runtime>;
	type PriceForSiblingDelivery = NoPriceForMessageDelivery<ParaId>;
}
