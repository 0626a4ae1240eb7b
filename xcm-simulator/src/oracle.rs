//! The oracle chain: the aggregation and delivery pallets, pallet-xcm, and the oracle runtime's
//! XCM configuration (paid execution and known query responses pass the barrier; siblings have
//! sovereign accounts; `Transact` with `OriginKind::SovereignAccount` is a signed call of that
//! account). Operators 1, 2 and 3 report with `UintAuthorityId` keys.

use crate::{ParachainXcmRouter, CONSUMER_PARA, STRANGER_PARA};
use core::cell::Cell;
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{
		ConstU128, ConstU32, ConstU64, Disabled, Everything, Hooks, Nothing, OneSessionHandler,
	},
	weights::{IdentityFee, Weight},
	BoundedVec,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use pallet_oracle_aggregation::types::*;
use pallet_oracle_delivery::types::{RoundSla, RoundSummaries};
use pallet_xcm::XcmPassthrough;
use polkadot_parachain_primitives::primitives::Sibling;
use sp_runtime::{
	testing::UintAuthorityId, traits::IdentityLookup, AccountId32, BuildStorage, Permill,
	RuntimeAppPublic,
};
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowKnownQueryResponses, AllowTopLevelPaidExecutionFrom,
	FixedWeightBounds, FrameTransactionalProcessor, FungibleAdapter, IsConcrete, ParentIsPreset,
	SiblingParachainConvertsVia, SovereignSignedViaLocation, TakeWeightCredit,
	TrailingSetTopicAsId, UsingComponents, WithComputedOrigin, WithUniqueTopic,
};
use xcm_executor::{traits::ConvertLocation, XcmExecutor};
use xcm_simulator::mock_message_queue;

pub type AccountId = AccountId32;
pub type Balance = u128;
pub type BlockNumber = u64;
type Block = frame_system::mocking::MockBlock<Runtime>;
pub type Extrinsic = frame_system::mocking::MockUncheckedExtrinsic<Runtime>;

construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		MsgQueue: mock_message_queue,
		PolkadotXcm: pallet_xcm,
		OracleAggregation: pallet_oracle_aggregation,
		OracleDelivery: pallet_oracle_delivery,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Runtime {}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> Extrinsic {
		Extrinsic::new_bare(call)
	}
}

/// What `request_round` costs.
pub const REQUEST_FEE: Balance = 1_000;

parameter_types! {
	pub const ReportPriority: u64 = 1 << 20;
}

/// No operator is disabled.
pub struct NoneDisabled;
impl frame_support::traits::DisabledValidators for NoneDisabled {
	fn is_disabled(_index: u32) -> bool {
		false
	}
	fn disabled_validators() -> Vec<u32> {
		Vec::new()
	}
}

impl pallet_oracle_aggregation::Config for Runtime {
	type AuthorityId = UintAuthorityId;
	type MaxOperators = ConstU32<8>;
	type FeedAdminOrigin = EnsureRoot<AccountId>;
	type MaxFeeds = ConstU32<8>;
	type MaxSources = ConstU32<4>;
	type MaxBufferLen = ConstU32<4>;
	type Currency = Balances;
	type RoundRequestFee = ConstU128<REQUEST_FEE>;
	type OnRoundRequestFee = ();
	type UnixTime = Timestamp;
	type OnRoundResolved = OracleDelivery;
	type ReportPriority = ReportPriority;
	type ReportLongevity = ConstU32<5>;
	type FetchDeadline = ConstU64<1_000>;
	type MinPollInterval = ConstU32<5>;
	type MaxRequestsPerRun = ConstU32<12>;
	type ExpectedBlockTime = ConstU64<6_000>;
	type DisabledOperators = NoneDisabled;
	type FindAuthor = pallet_oracle_aggregation::OperatorsInTurn<Self>;
	type MaxAuthorSpan = ConstU32<5>;
	type MaxReportAge = ConstU32<5>;
	type MaxRequestsPerBlock = ConstU32<8>;
	type WeightInfo = ();
}

/// The SLA summary of a round: every operator answered within tolerance; the dispersion
/// carries the round id, so that a test sees which round's summary arrived.
pub fn summary(round_id: RoundId) -> RoundSla {
	RoundSla {
		expected: 3,
		submitted: 3,
		accepted: 3,
		deviating: 0,
		dispersion: Permill::from_parts(round_id),
		availability: Permill::one(),
	}
}

pub struct Summaries;
impl RoundSummaries for Summaries {
	fn summary(_feed_id: FeedId, round_id: RoundId) -> Option<RoundSla> {
		Some(summary(round_id))
	}
}

thread_local! {
	static LINK_CUT: Cell<bool> = const { Cell::new(false) };
}

/// Cuts (or restores) this chain's outbound link: while cut, every send is refused as the
/// XCMP queue refuses a send to a sibling without a channel.
pub fn cut_link(cut: bool) {
	LINK_CUT.with(|link| link.set(cut));
}

/// The network's router, behind a link that can be cut.
pub struct Link;
impl SendXcm for Link {
	type Ticket = <ParachainXcmRouter<MsgQueue> as SendXcm>::Ticket;

	fn validate(
		destination: &mut Option<Location>,
		message: &mut Option<Xcm<()>>,
	) -> SendResult<Self::Ticket> {
		if LINK_CUT.with(Cell::get) {
			return Err(SendError::Transport("NoChannel"));
		}
		ParachainXcmRouter::<MsgQueue>::validate(destination, message)
	}

	fn deliver(ticket: Self::Ticket) -> Result<XcmHash, SendError> {
		ParachainXcmRouter::<MsgQueue>::deliver(ticket)
	}
}

/// Messages to siblings, each with a unique topic, as the oracle runtime sends them.
pub type XcmRouter = WithUniqueTopic<Link>;

parameter_types! {
	pub const SubscriptionDeposit: Balance = 10_000;
	pub const FeedDeposit: Balance = 1_000;
	pub const DeliveryFee: Balance = 100;
}

impl pallet_oracle_delivery::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SiblingAccount = LocationToAccountId;
	type XcmRouter = XcmRouter;
	type Feeds = OracleAggregation;
	type Summaries = Summaries;
	type MaxSubscriptions = ConstU32<8>;
	type MaxSubscriptionsPerPara = ConstU32<2>;
	type MaxFeedsPerSubscription = ConstU32<4>;
	type MaxPushesPerBlock = ConstU32<4>;
	type SubscriptionDeposit = SubscriptionDeposit;
	type FeedDeposit = FeedDeposit;
	type DeliveryFee = DeliveryFee;
	type WeightInfo = ();
}

parameter_types! {
	pub const HereLocation: Location = Location::here();
	pub const RelayNetwork: Option<NetworkId> = None;
	pub UniversalLocation: InteriorLocation =
		[Parachain(mock_message_queue::ParachainId::<Runtime>::get().into())].into();
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 8;
}

/// Accounts of locations: the relay chain's, siblings' sovereign accounts, and plain accounts.
pub type LocationToAccountId = (
	ParentIsPreset<AccountId>,
	SiblingParachainConvertsVia<Sibling, AccountId>,
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// The sovereign account of sibling `para` on this chain.
pub fn sovereign(para: u32) -> AccountId {
	LocationToAccountId::convert_location(&Location::new(1, [Parachain(para)]))
		.expect("siblings have sovereign accounts; qed")
}

pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId, ()>;

pub type XcmOriginToTransactDispatchOrigin =
	(SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>, XcmPassthrough<RuntimeOrigin>);

/// The oracle runtime's barrier: paid execution and answers to this chain's queries.
pub type Barrier = TrailingSetTopicAsId<(
	TakeWeightCredit,
	AllowKnownQueryResponses<PolkadotXcm>,
	WithComputedOrigin<
		(AllowTopLevelPaidExecutionFrom<Everything>,),
		UniversalLocation,
		ConstU32<8>,
	>,
)>;

pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = LocalAssetTransactor;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	type IsReserve = ();
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	/// Execution costs one unit of the token per unit of `ref_time`, burnt.
	type Trader = UsingComponents<IdentityFee<Balance>, HereLocation, AccountId, Balances, ()>;
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
	type SafeCallFilter = Everything;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

impl mock_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
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
	type WeightInfo = pallet_xcm::TestWeightInfo;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = Disabled;
}

/// Operator `n`'s account.
pub fn operator(n: u8) -> AccountId {
	AccountId32::new([n; 32])
}

/// Operator `n`'s `oracle` key.
pub fn key(n: u8) -> UintAuthorityId {
	UintAuthorityId(10 + u64::from(n))
}

/// The genesis hash reports are bound to.
pub const GENESIS_HASH: sp_core::H256 = sp_core::H256::repeat_byte(0x42);

/// The sovereign accounts' starting balance.
pub const SOVEREIGN_FUNDS: Balance = 1_000_000_000_000_000;

/// The chain at block 1 with operators 1, 2 and 3 in session, and the consumer's and the
/// stranger's sovereign accounts funded.
pub fn new_ext(para_id: u32) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Runtime> {
		balances: vec![
			(sovereign(CONSUMER_PARA), SOVEREIGN_FUNDS),
			(sovereign(STRANGER_PARA), SOVEREIGN_FUNDS),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		MsgQueue::set_para_id(para_id.into());
		frame_system::BlockHash::<Runtime>::insert(0, GENESIS_HASH);
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(6_000);
		let set: Vec<(AccountId, UintAuthorityId)> =
			(1..=3).map(|n| (operator(n), key(n))).collect();
		let handed = || set.iter().map(|(account, key)| (account, key.clone()));
		OracleAggregation::on_new_session(true, handed(), handed());
	});
	ext
}

fn bounded<S: frame_support::traits::Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// A feed with eight decimals, median of three sources, quorum 2, resolved two blocks after
/// its quorum.
pub fn feed_config(name: &str) -> pallet_oracle_aggregation::FeedConfigOf<Runtime> {
	let source = |name: &str, path: &str| Source {
		name: bounded(name),
		url: bounded(&format!("https://{name}.example.com/price")),
		json_path: bounded(path),
		transform: Transform::default(),
		weight: 1,
		api_key: None,
	};
	FeedConfig {
		name: bounded(name),
		decimals: 8,
		sources: BoundedVec::truncate_from(vec![
			source("one", "price"),
			source("two", "data.amount"),
			source("three", "result.c[0]"),
		]),
		min_sources: 2,
		max_source_deviation: Permill::from_percent(2),
		source_aggregation: SourceAggregation::Median,
		aggregation: Aggregation::Median,
		quorum: 2,
		resolution_delay: 2,
		round_timeout: 5,
		heartbeat: 10,
		deviation_threshold: Permill::from_percent(1),
		buffer_len: 3,
		min_value: 1,
		max_value: 1_000_000_000_000_000,
		max_age: 10,
		commit_reveal: false,
		poll_interval: 0,
	}
}

/// Creates a feed and returns its id.
pub fn create_feed(name: &str) -> FeedId {
	let id = pallet_oracle_aggregation::NextFeedId::<Runtime>::get();
	OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config(name))
		.expect("the feed is valid");
	id
}

/// Operator `n`'s signed report of `value` for `feed`'s round `round_id`.
pub fn submit(n: u8, feed_id: FeedId, round_id: RoundId, value: Value) {
	let report: pallet_oracle_aggregation::ReportOf<Runtime> = Report {
		key: key(n),
		at: System::block_number(),
		values: BoundedVec::truncate_from(vec![ReportValue {
			feed_id,
			round_id,
			answer: ReportAnswer::Value(value),
		}]),
	};
	let signature = report
		.key
		.sign(&OracleAggregation::report_payload(&report))
		.expect("UintAuthorityId signs anything");
	OracleAggregation::submit(RuntimeOrigin::none(), report, signature)
		.expect("an operator's report of an open round is taken");
}

/// Moves to the next block (6 s later) and runs its `on_initialize`, where rounds close.
pub fn next_block() {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	OracleAggregation::on_initialize(now);
	pallet_timestamp::Now::<Runtime>::put(now * 6_000);
}

/// Operators 1, 2 and 3 answer `feed`'s round `round_id` with `values`, and blocks pass until
/// it resolves (at most ten). Returns the round as resolved.
pub fn resolve_round(feed_id: FeedId, round_id: RoundId, values: [Value; 3]) -> RoundData<u64> {
	for (n, value) in (1..=3).zip(values) {
		submit(n, feed_id, round_id, value);
	}
	for _ in 0..10 {
		next_block();
		if let Some(round) = OracleAggregation::latest_round(feed_id) {
			if round.round_id == round_id {
				return round;
			}
		}
	}
	panic!("round {round_id} of feed {feed_id} did not resolve");
}
