//! The staked operator set: staking elects, session rotates, offences slash.
//!
//! - `pallet-staking` is the session manager: at every era it elects the validators (the
//!   operators) by stake with sequential Phragmén over the bonded validators and nominators.
//! - `pallet-session` (with `historical`) gives each session's validators their `aura` and `oracle`
//!   keys and hands them to Aura (block production) and the oracle pallet (submissions).
//! - `pallet-offences` takes reports of misbehaviour and passes them to staking, which slashes the
//!   operator and its nominators `SlashDeferDuration` eras later unless Root cancels the slash.
//! - Staking passes an offence of the active era to the session's disabling strategy: from the
//!   SLA's `DisablingThreshold` on (every deviation offence) it disables the operator for the era,
//!   below it (every unavailability offence) it disables nobody.

use crate::{
	AccountId, Balance, Balances, BlockNumber, OracleSla, Runtime, RuntimeEvent, RuntimeHoldReason,
	Session, SessionKeys, Staking, Timestamp, MINUTES,
};
use alloc::vec::Vec;
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, Get, Nothing},
};
use frame_system::EnsureRoot;
use pallet_session::disabling::{
	DisablingDecision, DisablingStrategy, UpToLimitWithReEnablingDisablingStrategy,
};
use sp_runtime::{curve::PiecewiseLinear, traits::ConvertInto, Perbill};
use sp_staking::offence::OffenceSeverity;

parameter_types! {
	/// The most operators (validators, Aura authorities, oracle operators) in a session: as
	/// many as the capacity tests show answering 1,000 feeds in one block within three
	/// quarters of its ref time and proof size (`capacity_tests`).
	pub const MaxOperators: u32 = 31;
}

parameter_types! {
	/// Blocks per session: 5 minutes.
	pub const Period: BlockNumber = 5 * MINUTES;
	/// The first session ends at block `Period + Offset`.
	pub const Offset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = SlaThenStaking;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Offences slashed at least the `DisablingThreshold` disable their operator, a third of
	/// the validators at most (a heavier offence re-enables a lighter offender to make room);
	/// they are re-enabled at the era. Lighter offences disable nobody.
	type DisablingStrategy =
		DisableFromSeverity<super::DisablingThreshold, UpToLimitWithReEnablingDisablingStrategy<3>>;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ();
}

/// A disabling strategy that leaves offences of a severity (the slash fraction staking reports)
/// below `Threshold` out: they make no decision, neither disabling the offender nor re-enabling
/// anyone. Offences from `Threshold` on are decided by `Inner`.
///
/// With the SLA pallet's `DisablingThreshold`, which the SLA terms keep above every
/// unavailability slash and at or below every deviation slash, a lie disables its operator while
/// missed rounds, which a block author can cause by leaving an honest operator's reports out,
/// never do: otherwise a minority could disable honest operators and veto rounds.
pub struct DisableFromSeverity<Threshold, Inner>(core::marker::PhantomData<(Threshold, Inner)>);

impl<T, Threshold, Inner> DisablingStrategy<T> for DisableFromSeverity<Threshold, Inner>
where
	T: pallet_session::Config,
	Threshold: Get<Perbill>,
	Inner: DisablingStrategy<T>,
{
	fn decision(
		offender_stash: &T::ValidatorId,
		offender_slash_severity: OffenceSeverity,
		currently_disabled: &Vec<(u32, OffenceSeverity)>,
	) -> DisablingDecision {
		if offender_slash_severity.0 < Threshold::get() {
			return DisablingDecision { disable: None, reenable: None };
		}
		Inner::decision(offender_stash, offender_slash_severity, currently_disabled)
	}
}

/// Staking's session manager (with historical roots), preceded at every session end by the SLA
/// pallet's judgement of the session's missed rounds, so that unavailability offences are
/// reported while the ending session's era is still active.
pub struct SlaThenStaking;
type StakingSessions = pallet_session::historical::NoteHistoricalRoot<Runtime, Staking>;
#[docify::export(sla_then_staking)]
impl pallet_session::SessionManager<AccountId> for SlaThenStaking {
	fn new_session(new_index: sp_staking::SessionIndex) -> Option<Vec<AccountId>> {
		<StakingSessions as pallet_session::SessionManager<AccountId>>::new_session(new_index)
	}
	fn new_session_genesis(new_index: sp_staking::SessionIndex) -> Option<Vec<AccountId>> {
		<StakingSessions as pallet_session::SessionManager<AccountId>>::new_session_genesis(
			new_index,
		)
	}
	fn end_session(end_index: sp_staking::SessionIndex) {
		// Session rotation is charged the whole block; `end_session` is benchmarked to fit.
		let _ = OracleSla::end_session(end_index);
		<StakingSessions as pallet_session::SessionManager<AccountId>>::end_session(end_index)
	}
	fn start_session(start_index: sp_staking::SessionIndex) {
		<StakingSessions as pallet_session::SessionManager<AccountId>>::start_session(start_index)
	}
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}

pallet_staking_reward_curve::build! {
	const REWARD_CURVE: PiecewiseLinear<'static> = curve!(
		min_inflation: 0_025_000,
		max_inflation: 0_100_000,
		ideal_stake: 0_500_000,
		falloff: 0_050_000,
		max_piece_count: 40,
		test_precision: 0_005_000,
	);
}

parameter_types! {
	/// Sessions per era: an era is 30 minutes.
	pub const SessionsPerEra: sp_staking::SessionIndex = 6;
	/// Eras a stake stays bonded after `unbond`: 12 hours.
	pub const BondingDuration: sp_staking::EraIndex = 24;
	/// Eras before a slash is applied, during which Root can cancel it: 6 hours.
	pub const SlashDeferDuration: sp_staking::EraIndex = 12;
	pub const RewardCurve: &'static PiecewiseLinear<'static> = &REWARD_CURVE;
	/// Nominators paid per page of a validator's exposure.
	pub const MaxExposurePageSize: u32 = 64;
	/// Eras of staking history kept for payouts.
	pub const HistoryDepth: u32 = 84;
	/// The election reads at most this many voters and candidates. It runs in the block that
	/// rotates the era, so these bounds keep that block authorable.
	pub ElectionBoundsOnChain: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(1_000.into())
		.targets_count(200.into())
		.build();
	pub const MaxNominators: u32 = 512;
}

/// Sequential Phragmén run on chain when an era starts.
pub struct OnChainSeqPhragmen;
impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type MaxBackersPerWinner = MaxNominators;
	type MaxWinnersPerPage = MaxOperators;
	type Bounds = ElectionBoundsOnChain;
	type Sort = frame_support::traits::ConstBool<true>;
}

/// Sizes used by the staking benchmarks.
pub struct StakingBenchmarkingConfig;
impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxValidators = ConstU32<100>;
	type MaxNominators = ConstU32<512>;
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CurrencyBalance = Balance;
	type UnixTime = Timestamp;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	/// The part of the era payout not given to stakers is not minted.
	type RewardRemainder = ();
	type RuntimeEvent = RuntimeEvent;
	/// Slashed funds are burned.
	type Slash = ();
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	/// Root cancels deferred slashes (the dispute path) and manages the validator count.
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionInterface = Self;
	type EraPayout = pallet_staking::ConvertCurve<RewardCurve>;
	type NextNewSession = Session;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = MaxOperators;
	type VoterList = pallet_staking::UseNominatorsAndValidatorsMap<Self>;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxControllersInDeprecationBatch = ConstU32<100>;
	/// The SLA pallet counts what slashes take from operators.
	type EventListeners = OracleSla;
	type Filter = Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}
