//! The consumer chain: the receiver pallet configured as its documentation and
//! `consumer-runtime` prescribe (the barrier entry `AllowDeliveriesFrom`, which admits from the
//! oracle chain only unpaid deliveries to the receiver within the weight of the largest one;
//! `XcmPassthrough` among the origin converters, the others wrapped in `NotFrom` the oracle
//! chain; `deliver` from `EnsureXcm<Equals<OracleLocation>>` only), on a chain that also
//! executes anyone's paid messages.

use crate::{ParachainXcmRouter, ORACLE_PARA, STRANGER_PARA};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Disabled, Equals, Everything, Nothing},
	weights::{IdentityFee, Weight},
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use pallet_oracle_consumer::barrier::{AllowDeliveriesFrom, NotFrom};
use pallet_xcm::{EnsureXcm, XcmPassthrough};
use polkadot_parachain_primitives::primitives::Sibling;
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage};
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
type Block = frame_system::mocking::MockBlock<Runtime>;

construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		MsgQueue: mock_message_queue,
		PolkadotXcm: pallet_xcm,
		OracleConsumer: pallet_oracle_consumer,
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
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Runtime {}

parameter_types! {
	pub const HereLocation: Location = Location::here();
	pub const RelayNetwork: Option<NetworkId> = None;
	pub UniversalLocation: InteriorLocation =
		[Parachain(mock_message_queue::ParachainId::<Runtime>::get().into())].into();
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 8;
	/// The oracle chain, as this chain sees it.
	pub OracleLocation: Location = Location::new(1, [Parachain(ORACLE_PARA)]);
}

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

/// Receiver entry 2: `XcmPassthrough` makes `OriginKind::Xcm` pallet-xcm's `Xcm` origin; the
/// oracle chain's location gets no other origin here.
pub type XcmOriginToTransactDispatchOrigin = (
	NotFrom<OracleLocation, SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The weight of the largest delivery as this chain's weigher counts it: its three
/// instructions and `deliver` of the most rounds and feed states a delivery holds.
pub struct MaxDeliveryWeight;
impl frame_support::traits::Get<Weight> for MaxDeliveryWeight {
	fn get() -> Weight {
		type Weights = <Runtime as pallet_oracle_consumer::Config>::WeightInfo;
		let most = <Runtime as pallet_oracle_consumer::Config>::MaxRoundsPerDelivery::get();
		UnitWeightCost::get()
			.saturating_mul(3)
			.saturating_add(<Weights as pallet_oracle_consumer::WeightInfo>::deliver(most, most))
	}
}

/// Receiver entry 1: from the oracle chain, only its deliveries, unpaid. Anyone's paid
/// execution passes too, as on a chain that sells execution.
pub type Barrier = TrailingSetTopicAsId<(
	TakeWeightCredit,
	AllowKnownQueryResponses<PolkadotXcm>,
	AllowDeliveriesFrom<Runtime, OracleLocation, MaxDeliveryWeight>,
	WithComputedOrigin<
		(AllowTopLevelPaidExecutionFrom<Everything>,),
		UniversalLocation,
		ConstU32<8>,
	>,
)>;

pub type XcmRouter = WithUniqueTopic<ParachainXcmRouter<MsgQueue>>;

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

/// Receiver entry 3: deliveries from the oracle chain only.
impl pallet_oracle_consumer::Config for Runtime {
	type OracleOrigin = EnsureXcm<Equals<OracleLocation>>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type UnixTime = Timestamp;
	type MaxFeeds = ConstU32<16>;
	type MaxRoundsPerDelivery = ConstU32<4>;
	type HistoryLen = ConstU32<4>;
	type DefaultMaxAge = ConstU64<60_000>;
	/// Prices are read by feed id here; a lending chain maps its own `CurrencyId`s.
	type FeedKey = pallet_oracle_consumer::types::FeedId;
	type FeedOf = sp_runtime::traits::ConvertInto;
	type WeightInfo = ();
}

/// The pallet index of the receiver in this runtime, as subscriptions name it.
pub fn receiver_pallet_index() -> u8 {
	<OracleConsumer as frame_support::traits::PalletInfoAccess>::index()
		.try_into()
		.expect("construct_runtime numbers pallets below 256; qed")
}

/// The sovereign accounts' starting balance.
pub const SOVEREIGN_FUNDS: Balance = 1_000_000_000_000_000;

/// The chain at block 1, its clock 12 s into the oracle chain's time; the stranger's
/// sovereign account funded (it pays for its messages here).
pub fn new_ext(para_id: u32) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Runtime> {
		balances: vec![(sovereign(STRANGER_PARA), SOVEREIGN_FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		MsgQueue::set_para_id(para_id.into());
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(12_000);
	});
	ext
}

/// Moves to the next block, 12 s later.
pub fn next_block() {
	System::set_block_number(System::block_number() + 1);
	pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 12_000);
}
