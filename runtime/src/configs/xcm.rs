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
	dispatch::GetDispatchInfo,
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
	DenyThenTry, FrameTransactionalProcessor, FungibleAdapter, IsConcrete, ParentIsPreset,
	SiblingParachainConvertsVia, SovereignSignedViaLocation, TakeWeightCredit,
	TrailingSetTopicAsId, UsingComponents, WithUniqueTopic,
};
use xcm_executor::{
	traits::{DenyExecution, Properties, ShouldExecute, WeightBounds},
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
		ensure!(shaped_as_request(instructions), ProcessMessageError::Unsupported);
		AllowTopLevelPaidExecutionFrom::<Everything>::should_execute(
			origin,
			instructions,
			max_weight,
			properties,
		)
	}
}

parameter_types! {
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 8;
}

/// Whether `instructions` have the shape of a sibling's request (checked by the barrier
/// [`AllowPaidRequestsFromSiblings`], and before weighing by [`AdmissibleWeigher`]): only
/// `WithdrawAsset`, `BuyExecution`, `RefundSurplus`, `DepositAsset` and `Transact` of one of
/// [`SiblingCalls`] as the sender's sovereign account (a trailing `SetTopic` taken off).
fn shaped_as_request<Call>(instructions: &[Instruction<Call>]) -> bool {
	instructions.iter().all(|instruction| match instruction {
		WithdrawAsset(_) | BuyExecution { .. } | RefundSurplus | DepositAsset { .. } => true,
		Transact { origin_kind: OriginKind::SovereignAccount, call, .. } => {
			SiblingCalls::admits_encoded(call.encoded())
		},
		_ => false,
	})
}

/// `instructions` without a trailing `SetTopic`.
fn without_topic<Call>(instructions: &[Instruction<Call>]) -> &[Instruction<Call>] {
	match instructions {
		[rest @ .., SetTopic(_)] => rest,
		all => all,
	}
}

/// Weighs what this chain executes, each instruction at its benchmarked weight
/// ([`crate::weights::xcm_generic`] and [`crate::weights::xcm_fungible`], from
/// `pallet-xcm-benchmarks`), and refuses to weigh anything else.
///
/// A message is weighed only if some barrier here could admit it: an answer to a query (one
/// `QueryResponse`), or a sibling's request ([`shaped_as_request`]) that buys at least the
/// weight of the whole message. Anything else fails to be weighed, which the message queue
/// treats as unsupported: the message is dropped for the cost of reading it, without
/// consuming any of the queue's weight. So a sibling cannot fill the queue's budget (and hold
/// up other siblings' requests) with messages this chain never executes, however large; under
/// a flat price per instruction, every refused message was charged its whole priced weight.
pub struct AdmissibleWeigher;

impl AdmissibleWeigher {
	/// Whether `instructions`, which weigh `weight`, could pass a barrier here.
	fn admissible(instructions: &[Instruction<RuntimeCall>], weight: Weight) -> bool {
		let body = without_topic(instructions);
		if matches!(body, [QueryResponse { .. }]) {
			return true;
		}
		if !shaped_as_request(body) {
			return false;
		}
		// The barrier's own check that the request pays for what it weighs, on a copy (it
		// rewrites the weight bought), from any sibling.
		let mut copy = body.to_vec();
		AllowTopLevelPaidExecutionFrom::<Everything>::should_execute(
			&Location::new(1, [Parachain(0)]),
			&mut copy,
			weight,
			&mut Properties { weight_credit: Weight::zero(), message_id: None },
		)
		.is_ok()
	}
}

impl WeightBounds<RuntimeCall> for AdmissibleWeigher {
	fn weight(
		message: &mut Xcm<RuntimeCall>,
		weight_limit: Weight,
	) -> Result<Weight, InstructionError> {
		let at = |index: usize, error| InstructionError {
			index: index.try_into().unwrap_or(InstructionIndex::MAX),
			error,
		};
		let most = MaxInstructions::get() as usize;
		ensure!(message.0.len() <= most, at(most, XcmError::ExceedsStackLimit));
		let mut total = Weight::zero();
		for (index, instruction) in message.0.iter_mut().enumerate() {
			let weight = Self::instr_weight(instruction).map_err(|error| at(index, error))?;
			total = total.checked_add(&weight).ok_or(at(index, XcmError::Overflow))?;
			ensure!(!total.any_gt(weight_limit), at(index, XcmError::WeightLimitReached(total)));
		}
		ensure!(Self::admissible(&message.0, total), at(0, XcmError::Barrier));
		Ok(total)
	}

	fn instr_weight(instruction: &mut Instruction<RuntimeCall>) -> Result<Weight, XcmError> {
		use crate::weights::{xcm_fungible::WeightInfo as _, xcm_generic::WeightInfo as _};
		type Generic = crate::weights::xcm_generic::SubstrateWeight<Runtime>;
		type Fungible = crate::weights::xcm_fungible::SubstrateWeight<Runtime>;
		// Each asset is moved on its own; a wildcard moves as many as it counts, at most as
		// many as the holding keeps.
		let per_asset = |weight: Weight, count: usize| {
			weight.saturating_mul(u64::try_from(count).unwrap_or(u64::MAX))
		};
		let holding = MaxAssetsIntoHolding::get() as usize;
		match instruction {
			WithdrawAsset(assets) => Ok(per_asset(Fungible::withdraw_asset(), assets.len())),
			DepositAsset { assets, .. } => {
				let count = match assets {
					AssetFilter::Definite(assets) => assets.len(),
					AssetFilter::Wild(AllCounted(count) | AllOfCounted { count, .. }) => {
						usize::try_from(*count).unwrap_or(usize::MAX).min(holding)
					},
					AssetFilter::Wild(All | AllOf { .. }) => holding,
				};
				Ok(per_asset(Fungible::deposit_asset(), count))
			},
			BuyExecution { .. } => Ok(Generic::buy_execution()),
			RefundSurplus => Ok(Generic::refund_surplus()),
			SetTopic(_) => Ok(Generic::set_topic()),
			// No query of this chain notifies a call, so an answer dispatches nothing.
			QueryResponse { .. } => Ok(Generic::query_response()),
			// The call's own weight on top of the instruction's; only calls siblings may make.
			Transact { origin_kind: OriginKind::SovereignAccount, call, .. } => {
				let call = call.ensure_decoded().map_err(|_| XcmError::FailedToDecode)?;
				ensure!(SiblingCalls::contains(call), XcmError::Barrier);
				Ok(Generic::transact().saturating_add(call.get_dispatch_info().call_weight))
			},
			_ => Err(XcmError::Barrier),
		}
	}
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
	type Weigher = AdmissibleWeigher;
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
	type Weigher = AdmissibleWeigher;
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
