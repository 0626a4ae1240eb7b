//! Configuration of every pallet of the runtime.

mod staking;
pub mod xcm;

pub use staking::*;

use crate::{
	weights::{BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight},
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Historical, MessageQueue, Nonce,
	Offences, OracleAggregation, OracleDelivery, OracleSla, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Session,
	Staking, Timestamp, UncheckedExtrinsic, WeightToFee, XcmpQueue, AVERAGE_ON_INITIALIZE_RATIO,
	BLOCK_PROCESSING_VELOCITY, EXISTENTIAL_DEPOSIT, MAXIMUM_BLOCK_WEIGHT, MICROUNIT,
	MILLISECS_PER_BLOCK, NORMAL_DISPATCH_RATIO, RELAY_CHAIN_SLOT_DURATION_MILLIS, SLOT_DURATION,
	UNINCLUDED_SEGMENT_CAPACITY, UNIT, VERSION,
};
use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use cumulus_primitives_core::AggregateMessageOrigin;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, ConstU8},
	weights::{ConstantMultiplier, Weight},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use sp_runtime::{transaction_validity::TransactionPriority, Perbill};
use sp_version::RuntimeVersion;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	/// Blocks of at most 5 MiB, of which normal extrinsics may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational transactions fit even when the block is full of normal ones.
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT
			);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// The generic Substrate address format.
	pub const SS58Prefix: u16 = 42;
	/// Block hashes kept for mortal transactions.
	pub const BlockHashCount: BlockNumber = 4096;
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type Block = Block;
	type BlockHashCount = BlockHashCount;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = SS58Prefix;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
	type SingleBlockMigrations = crate::Migrations;
}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	type WeightInfo = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = frame_system::Pallet<Runtime>;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	// Staking still takes a lock through its legacy currency interface while it migrates.
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = ConstU32<8>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fee per byte of a transaction.
	pub const TransactionByteFee: Balance = 10 * MICROUNIT;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burned.
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	/// A constant fee multiplier: the chain's load comes from operators' free submissions, which
	/// a congestion multiplier would not price anyway.
	type FeeMultiplierUpdate = ();
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
}

/// The consensus hook of asynchronous backing with Aura.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = staging_parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = XcmpQueue;
	type DmpQueue = frame_support::traits::EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = ConstU32<0>;
	type SchedulingSignatureVerifier = ();
}

impl staging_parachain_info::Config for Runtime {}

parameter_types! {
	/// The message queue (requests and subscriptions from siblings, messages from the relay
	/// chain) is served from what a block leaves once its extrinsics and the round check have
	/// run, at most 35 % of a block: it never takes weight from the start of a block, so no
	/// message, refused or not, can push operators' reports or the round check out of a block.
	/// A block carrying the oracle's largest load leaves it a quarter of the block.
	pub MessageQueueIdleWeight: Option<Weight> =
		Some(Perbill::from_percent(35) * RuntimeBlockWeights::get().max_block);
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type MessageProcessor =
		pallet_message_queue::mock_helpers::NoopMessageProcessor<AggregateMessageOrigin>;
	/// Messages from the relay chain and from siblings are XCM, executed as `xcm::XcmConfig`
	/// says (its barrier refuses what this chain does not serve).
	#[cfg(not(feature = "runtime-benchmarks"))]
	type MessageProcessor = xcm_builder::ProcessXcmMessage<
		AggregateMessageOrigin,
		xcm_executor::XcmExecutor<xcm::XcmConfig>,
		RuntimeCall,
	>;
	type Size = u32;
	// The XCMP queue handles the siblings' queues.
	type QueueChangeHandler = xcm::NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = xcm::NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 64 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = ();
	type IdleMaxServiceWeight = MessageQueueIdleWeight;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl pallet_aura::Config for Runtime {
	type AuthorityId = crate::AuraId;
	/// A disabled operator cannot author blocks either: Aura's authorities are the session's
	/// validators in the session's order, and a block in the slot of a disabled one is refused.
	type DisabledValidators = Session;
	type MaxAuthorities = MaxOperators;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	/// The block author earns era points.
	type EventHandler = (crate::Staking,);
}

parameter_types! {
	/// The most feeds: also the most values in one operator report.
	pub const MaxFeeds: u32 = 1_000;
	/// The most HTTP sources of a feed.
	pub const MaxSources: u32 = 10;
	/// The longest running buffer of a feed.
	pub const MaxBufferLen: u32 = 64;
	/// What an on-demand round costs (kept in the `OracleFeePot` account).
	pub const RoundRequestFee: Balance = UNIT / 10;
	/// Where round request fees are kept for the operators, not burnt.
	pub OracleFeePot: AccountId =
		sp_runtime::traits::AccountIdConversion::into_account_truncating(&frame_support::PalletId(*b"orc/fees"));
	/// At most 8 paid round requests a block, so that requests cannot make the workers fetch
	/// more feeds at once than a run's requests allow.
	pub const MaxRequestsPerBlock: u32 = 8;
	/// A commit–reveal phase, or a closed round's grace period, waits for `f + 1` distinct
	/// block authors for at most 64 blocks (twice the largest federation's turn).
	pub const MaxAuthorSpan: u32 = 64;
	/// Operator reports go before ordinary transactions.
	pub const ReportPriority: TransactionPriority = TransactionPriority::MAX / 2;
	/// A report not included within 64 blocks is dropped from the pool: it stays valid for a
	/// whole grace period (`MaxAuthorSpan`) while colluding authors leave it out.
	pub const ReportLongevity: u32 = 64;
	/// A report answers open rounds for 5 blocks (30 s) after the block it was made at; the
	/// workers send a fresh one at every block meanwhile.
	pub const MaxReportAge: u32 = 5;
	/// The offchain worker waits at most 2 s for all of a run's responses.
	pub const FetchDeadline: u64 = 2_000;
	/// A feed that is not due is polled at most every 5 s (about once a block).
	pub const MinPollInterval: u32 = 5;
	/// A run makes at most 256 requests, holding at most 16 MiB of bodies (64 KiB each).
	pub const MaxRequestsPerRun: u32 = 256;
}

/// The block's author as `pallet-authorship` found it at the start of the block, before a
/// session change rotates the validators (and so Aura's authorities) in the same block.
pub struct BlockAuthor;

impl frame_support::traits::FindAuthor<AccountId> for BlockAuthor {
	fn find_author<'a, I>(_digests: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		pallet_authorship::Pallet::<Runtime>::author()
	}
}

#[docify::export(aggregation_config)]
impl pallet_oracle_aggregation::Config for Runtime {
	type AuthorityId = pallet_oracle_aggregation::OracleId;
	type MaxOperators = MaxOperators;
	type FeedAdminOrigin = EnsureRoot<AccountId>;
	type MaxFeeds = MaxFeeds;
	type MaxSources = MaxSources;
	type MaxBufferLen = MaxBufferLen;
	type Currency = Balances;
	type RoundRequestFee = RoundRequestFee;
	type OnRoundRequestFee =
		frame_support::traits::tokens::imbalance::ResolveTo<OracleFeePot, Balances>;
	type UnixTime = Timestamp;
	/// The SLA pallet judges the closed rounds, then hands them on to delivery with their
	/// summaries ([`pallet_oracle_sla::Config::OnRoundsJudged`]).
	type OnRoundResolved = OracleSla;
	type OnFeedChanged = (OracleSla, OracleDelivery);
	type ReportPriority = ReportPriority;
	type ReportLongevity = ReportLongevity;
	type FetchDeadline = FetchDeadline;
	type MinPollInterval = MinPollInterval;
	type MaxRequestsPerRun = MaxRequestsPerRun;
	type ExpectedBlockTime = ConstU64<MILLISECS_PER_BLOCK>;
	type DisabledOperators = Session;
	type FindAuthor = BlockAuthor;
	type MaxAuthorSpan = MaxAuthorSpan;
	type MaxReportAge = MaxReportAge;
	type MaxRequestsPerBlock = MaxRequestsPerBlock;
	type WeightInfo = pallet_oracle_aggregation::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// What operators are held to unless a feed has its own terms, and the judging parameters
	/// around them: the SLA pallet's defaults (`pallet_oracle_sla::defaults`), which the
	/// buffer study simulates.
	pub const DefaultSlaTerms: pallet_oracle_sla::types::SlaTerms<BlockNumber> =
		pallet_oracle_sla::defaults::TERMS;
	pub const MaxSlash: Perbill = pallet_oracle_sla::defaults::MAX_SLASH;
	pub const ReputationDecay: Perbill = pallet_oracle_sla::defaults::REPUTATION_DECAY;
	/// SLA records kept per feed: as many as the longest running buffer.
	pub const MaxSlaHistory: u32 = 64;
	pub const MinJudgedRounds: u32 = pallet_oracle_sla::defaults::MIN_JUDGED_ROUNDS;
	pub const MissAllowanceFloor: u32 = pallet_oracle_sla::defaults::MISS_ALLOWANCE_FLOOR;
	pub const DisablingThreshold: Perbill = pallet_oracle_sla::defaults::DISABLING_THRESHOLD;
}

#[docify::export(sla_config)]
impl pallet_oracle_sla::Config for Runtime {
	type AdminOrigin = EnsureRoot<AccountId>;
	type Feeds = OracleAggregation;
	type ValidatorSet = Historical;
	type ReportOffence = Offences;
	type Rewards = Staking;
	/// Judged rounds go to subscribers, with their summaries.
	type OnRoundsJudged = OracleDelivery;
	type MaxOperators = MaxOperators;
	type MaxFeeds = MaxFeeds;
	type MaxSlaHistory = MaxSlaHistory;
	type DefaultTerms = DefaultSlaTerms;
	type MaxSlash = MaxSlash;
	/// An authored block earns 20 points; an accepted, on-time value earns 1.
	type RewardPoints = ConstU32<1>;
	type ReputationDecay = ReputationDecay;
	type MinJudgedRounds = MinJudgedRounds;
	type MissAllowanceFloor = MissAllowanceFloor;
	type DisablingThreshold = DisablingThreshold;
	type WeightInfo = pallet_oracle_sla::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held from a sibling's sovereign account per subscription it creates.
	pub const SubscriptionDeposit: Balance = UNIT;
	/// Held in addition per feed of the subscription.
	pub const SubscriptionFeedDeposit: Balance = UNIT / 10;
	/// Burnt from a subscription's owner per message sent to it.
	pub const DeliveryFee: Balance = UNIT / 100;
}

#[docify::export(delivery_config)]
impl pallet_oracle_delivery::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SiblingAccount = xcm::LocationToAccountId;
	type XcmRouter = xcm::XcmRouter;
	type Feeds = OracleAggregation;
	/// What fits next to the largest block of reports (see the capacity tests).
	type MaxSubscriptions = ConstU32<16>;
	type MaxSubscriptionsPerPara = ConstU32<4>;
	type MaxFeedsPerSubscription = ConstU32<16>;
	type MaxPushesPerBlock = ConstU32<16>;
	type SubscriptionDeposit = SubscriptionDeposit;
	type FeedDeposit = SubscriptionFeedDeposit;
	type DeliveryFee = DeliveryFee;
	type WeightInfo = pallet_oracle_delivery::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::DeliveryHelper;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Operator reports are bare (unsigned) extrinsics carrying a signature of the `oracle` key.
impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}
