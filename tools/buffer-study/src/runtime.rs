//! The simulated chain: `frame-system`, balances, timestamp and both oracle pallets, configured
//! as the parachain runtime configures them (its generated weights, its default SLA terms, its
//! reputation decay), with in-memory stand-ins for what lies outside the oracle: the session's
//! validator set, `pallet-offences` and staking's era points.

use codec::Encode;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, RewardsReporter, ValidatorSet, ValidatorSetWithIdentification},
	weights::constants::RocksDbWeight,
};
use pallet_oracle_sla::types::SlaTerms;
use sp_core::offchain::{
	testing::{TestOffchainExt, TestPersistentOffchainDB},
	OffchainDbExt, OffchainWorkerExt,
};
use sp_runtime::BuildStorage;
use sp_runtime::{
	testing::UintAuthorityId,
	traits::{Convert, ConvertInto},
	Perbill,
};
use sp_staking::{
	offence::{Kind, Offence, OffenceError, ReportOffence},
	SessionIndex,
};
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Sim>;
/// The extrinsic type (only needed for the pallet's offchain bounds).
pub type Extrinsic = frame_system::mocking::MockUncheckedExtrinsic<Sim>;

frame_support::construct_runtime!(
	pub enum Sim {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		OracleAggregation: pallet_oracle_aggregation,
		OracleSla: pallet_oracle_sla,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Sim {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	type DbWeight = RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Sim {
	type AccountStore = System;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Sim {}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Sim
where
	RuntimeCall: From<C>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Sim
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> Extrinsic {
		Extrinsic::new_bare(call)
	}
}

/// The most operators of the simulated federation.
pub const MAX_OPERATORS: u32 = 31;

parameter_types! {
	/// The smallest slash that disables, as in the runtime.
	pub const DisablingThreshold: Perbill = pallet_oracle_sla::defaults::DISABLING_THRESHOLD;
	pub const ReportPriority: u64 = 1 << 20;
	/// The runtime's default SLA terms (`pallet_oracle_sla::defaults`).
	pub DefaultTerms: SlaTerms<u64> = pallet_oracle_sla::defaults::terms();
	pub const MaxSlash: Perbill = pallet_oracle_sla::defaults::MAX_SLASH;
	pub const ReputationDecay: Perbill = pallet_oracle_sla::defaults::REPUTATION_DECAY;
}

impl pallet_oracle_aggregation::Config for Sim {
	type AuthorityId = UintAuthorityId;
	type MaxOperators = ConstU32<MAX_OPERATORS>;
	type FeedAdminOrigin = frame_system::EnsureRoot<u64>;
	type MaxFeeds = ConstU32<8>;
	type MaxSources = ConstU32<10>;
	type MaxBufferLen = ConstU32<64>;
	type Currency = Balances;
	type RoundRequestFee = ConstU64<1>;
	type OnRoundRequestFee = ();
	type UnixTime = Timestamp;
	type OnRoundResolved = OracleSla;
	type OnFeedChanged = OracleSla;
	type ReportPriority = ReportPriority;
	type ReportLongevity = ConstU32<64>;
	type FetchDeadline = ConstU64<2_000>;
	type MinPollInterval = ConstU32<5>;
	type MaxRequestsPerRun = ConstU32<256>;
	type ExpectedBlockTime = ConstU64<6_000>;
	type DisabledOperators = ();
	type FindAuthor = pallet_oracle_aggregation::OperatorsInTurn<Self>;
	type MaxAuthorSpan = ConstU32<64>;
	type MaxReportAge = ConstU32<5>;
	type MaxRequestsPerBlock = ConstU32<8>;
	type WeightInfo = pallet_oracle_aggregation::weights::SubstrateWeight<Sim>;
}

impl pallet_oracle_sla::Config for Sim {
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type Feeds = OracleAggregation;
	type ValidatorSet = Validators;
	type ReportOffence = Offences;
	type Rewards = Points;
	type OnRoundsJudged = ();
	type MaxOperators = ConstU32<MAX_OPERATORS>;
	type MaxFeeds = ConstU32<8>;
	type MaxSlaHistory = ConstU32<64>;
	type DefaultTerms = DefaultTerms;
	type MaxSlash = MaxSlash;
	type RewardPoints = ConstU32<1>;
	type ReputationDecay = ReputationDecay;
	type MinJudgedRounds = ConstU32<{ pallet_oracle_sla::defaults::MIN_JUDGED_ROUNDS }>;
	type MissAllowanceFloor = ConstU32<{ pallet_oracle_sla::defaults::MISS_ALLOWANCE_FLOOR }>;
	type DisablingThreshold = DisablingThreshold;
	type WeightInfo = pallet_oracle_sla::weights::SubstrateWeight<Sim>;
}

/// An offence as `pallet-offences` would have received it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reported {
	/// Deviation or unavailability.
	pub kind: Kind,
	/// The operator.
	pub offender: u64,
}

thread_local! {
	static SESSION: RefCell<SessionIndex> = const { RefCell::new(0) };
	static OFFENCES: RefCell<Vec<Reported>> = const { RefCell::new(Vec::new()) };
	static KNOWN: RefCell<BTreeSet<(Kind, Vec<u8>, u64)>> = const { RefCell::new(BTreeSet::new()) };
	static POINTS: RefCell<u64> = const { RefCell::new(0) };
}

/// The session's validators: the aggregation pallet's operators.
pub struct Validators;
impl ValidatorSet<u64> for Validators {
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	fn session_index() -> SessionIndex {
		SESSION.with(|s| *s.borrow())
	}
	fn validators() -> Vec<u64> {
		OracleAggregation::operators().into_iter().map(|(account, _)| account).collect()
	}
}

/// Every validator is identified (by `()`).
pub struct Identify;
impl Convert<u64, Option<()>> for Identify {
	fn convert(_: u64) -> Option<()> {
		Some(())
	}
}

impl ValidatorSetWithIdentification<u64> for Validators {
	type Identification = ();
	type IdentificationOf = Identify;
}

/// Records offences, refusing a repeat of (kind, slot, offender) as `pallet-offences` does.
pub struct Offences;
impl<O: Offence<(u64, ())>> ReportOffence<u64, (u64, ()), O> for Offences {
	fn report_offence(_reporters: Vec<u64>, offence: O) -> Result<(), OffenceError> {
		let slot = offence.slot().encode();
		let fresh: Vec<u64> = offence
			.offenders()
			.iter()
			.map(|(who, _)| *who)
			.filter(|who| KNOWN.with(|k| k.borrow_mut().insert((O::ID, slot.clone(), *who))))
			.collect();
		if fresh.is_empty() {
			return Err(OffenceError::DuplicateReport);
		}
		OFFENCES.with(|o| {
			o.borrow_mut()
				.extend(fresh.into_iter().map(|offender| Reported { kind: O::ID, offender }))
		});
		Ok(())
	}

	fn is_known_offence(offenders: &[(u64, ())], slot: &O::Slot) -> bool {
		let slot = slot.encode();
		offenders
			.iter()
			.all(|(who, _)| KNOWN.with(|k| k.borrow().contains(&(O::ID, slot.clone(), *who))))
	}
}

/// Adds up era points.
pub struct Points;
impl RewardsReporter<u64> for Points {
	fn reward_by_ids(validators_points: impl IntoIterator<Item = (u64, u32)>) {
		let total: u64 = validators_points.into_iter().map(|(_, points)| u64::from(points)).sum();
		POINTS.with(|p| *p.borrow_mut() += total);
	}
}

/// Swaps an operator's node (its persistent offchain storage and random seed) into the host
/// functions; called again with the same arguments, swaps it back out.
pub type Node<'a> = &'a dyn Fn(&mut TestPersistentOffchainDB, [u8; 32]);

/// Runs `run` in fresh externalities of the simulated chain (the stand-ins reset) with the
/// operators' offchain storage: one store shared by the host functions (where a commit–reveal
/// feed's secrets wait for their reveal), each operator's swapped in for its run by the
/// [`Node`] `run` is given.
pub fn with_nodes<R>(run: impl FnOnce(Node) -> R) -> R {
	reset();
	let storage = frame_system::GenesisConfig::<Sim>::default()
		.build_storage()
		.expect("the default genesis builds; qed");
	let mut ext = sp_io::TestExternalities::new(storage);
	let (offchain, state) = TestOffchainExt::new();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	let node = |own: &mut TestPersistentOffchainDB, seed: [u8; 32]| {
		let mut state = state.write();
		std::mem::swap(&mut state.persistent_storage, own);
		state.seed = seed;
	};
	ext.execute_with(|| run(&node))
}

/// Clears the stand-ins' state for a new run on this thread.
pub fn reset() {
	SESSION.with(|s| *s.borrow_mut() = 0);
	OFFENCES.with(|o| o.borrow_mut().clear());
	KNOWN.with(|k| k.borrow_mut().clear());
	POINTS.with(|p| *p.borrow_mut() = 0);
}

/// Moves the stand-in validator set to session `session`.
pub fn set_session(session: SessionIndex) {
	SESSION.with(|s| *s.borrow_mut() = session);
}

/// The offences reported so far, emptying the record.
pub fn take_offences() -> Vec<Reported> {
	OFFENCES.with(|o| core::mem::take(&mut *o.borrow_mut()))
}

/// The era points given so far.
pub fn points() -> u64 {
	POINTS.with(|p| *p.borrow())
}
