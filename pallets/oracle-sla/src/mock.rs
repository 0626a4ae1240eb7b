//! A runtime with the SLA pallet and test doubles for the validator set, offences, rewards and
//! feeds.

use crate::{self as pallet_oracle_sla, types::SlaTerms};
use codec::Encode;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Contains, RewardsReporter, ValidatorSet, ValidatorSetWithIdentification},
};
use oracle_primitives::{
	rounds::{Answer, JudgedRound, OnRoundsJudged, RoundOutcome},
	FeedId, RoundId, Value,
};
use sp_runtime::{
	traits::{Convert, ConvertInto},
	BuildStorage, Perbill, Permill,
};
use sp_staking::{
	offence::{Kind, Offence, OffenceError, ReportOffence},
	SessionIndex,
};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		OracleSla: pallet_oracle_sla,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

/// An offence as the test double received it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reported {
	pub kind: Kind,
	pub offender: u64,
	pub session: SessionIndex,
	pub validator_set_count: u32,
	pub fraction: Perbill,
	pub slot: Vec<u8>,
}

thread_local! {
	static VALIDATORS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	static SESSION: RefCell<SessionIndex> = const { RefCell::new(0) };
	static FEEDS: RefCell<BTreeSet<FeedId>> = const { RefCell::new(BTreeSet::new()) };
	static OFFENCES: RefCell<Vec<Reported>> = const { RefCell::new(Vec::new()) };
	static KNOWN: RefCell<BTreeSet<(Kind, Vec<u8>, u64)>> = const { RefCell::new(BTreeSet::new()) };
	static POINTS: RefCell<BTreeMap<u64, u32>> = const { RefCell::new(BTreeMap::new()) };
	static JUDGED: RefCell<Vec<(JudgedRound, bool)>> = const { RefCell::new(Vec::new()) };
}

/// What the SLA pallet hands on after judging: every judged round, each with whether its
/// record was already stored when it was handed on.
pub struct RecordJudged;
impl OnRoundsJudged for RecordJudged {
	fn on_rounds_judged(rounds: &[JudgedRound]) -> frame_support::weights::Weight {
		let with_records = rounds.iter().map(|round| {
			let stored = crate::Records::<Test>::get(round.feed_id, round.round_id)
				.is_some_and(|record| record.summary() == round.sla);
			(*round, stored)
		});
		JUDGED.with(|judged| judged.borrow_mut().extend(with_records));
		frame_support::weights::Weight::from_parts(5_000, 50)
	}
}

/// The rounds handed on so far, emptying the record.
pub fn take_judged() -> Vec<(JudgedRound, bool)> {
	JUDGED.with(|judged| core::mem::take(&mut *judged.borrow_mut()))
}

/// The session's validators: the accounts set with [`set_validators`].
pub struct Validators;
impl ValidatorSet<u64> for Validators {
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	fn session_index() -> SessionIndex {
		SESSION.with(|s| *s.borrow())
	}
	fn validators() -> Vec<u64> {
		VALIDATORS.with(|v| v.borrow().clone())
	}
}

/// Validators are identified (by `()`); other accounts are not.
pub struct Identify;
impl Convert<u64, Option<()>> for Identify {
	fn convert(account: u64) -> Option<()> {
		VALIDATORS.with(|v| v.borrow().contains(&account)).then_some(())
	}
}

impl ValidatorSetWithIdentification<u64> for Validators {
	type Identification = ();
	type IdentificationOf = Identify;
}

/// Records offences and refuses duplicates by (kind, slot, offender), as `pallet-offences`.
pub struct Offences;
impl<O: Offence<(u64, ())>> ReportOffence<u64, (u64, ()), O> for Offences {
	fn report_offence(_reporters: Vec<u64>, offence: O) -> Result<(), OffenceError> {
		let slot = offence.slot().encode();
		let offenders = offence.offenders();
		let fresh: Vec<_> = offenders
			.iter()
			.filter(|(who, _)| KNOWN.with(|k| k.borrow_mut().insert((O::ID, slot.clone(), *who))))
			.collect();
		if fresh.is_empty() {
			return Err(OffenceError::DuplicateReport);
		}
		let fraction = offence.slash_fraction(fresh.len() as u32);
		for (offender, _) in fresh {
			OFFENCES.with(|o| {
				o.borrow_mut().push(Reported {
					kind: O::ID,
					offender: *offender,
					session: offence.session_index(),
					validator_set_count: offence.validator_set_count(),
					fraction,
					slot: slot.clone(),
				})
			});
		}
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
		POINTS.with(|p| {
			let mut p = p.borrow_mut();
			for (who, points) in validators_points {
				*p.entry(who).or_default() += points;
			}
		})
	}
}

/// The feeds added with [`add_feed`].
pub struct Feeds;
impl Contains<FeedId> for Feeds {
	fn contains(feed_id: &FeedId) -> bool {
		FEEDS.with(|f| f.borrow().contains(feed_id))
	}
}

/// The runtime's default terms in the tests.
pub const DEFAULT_TERMS: SlaTerms<u64> = SlaTerms {
	deviation_tolerance: Permill::from_parts(10_000),
	tolerance_floor: 0,
	max_latency: 2,
	target_availability: Permill::from_parts(990_000),
	deviation_slash: Perbill::from_parts(10_000_000),
	max_deviation_slash: Perbill::from_parts(100_000_000),
	miss_slash: Perbill::from_parts(1_000_000),
	max_miss_slash: Perbill::from_parts(5_000_000),
	missed_rounds_threshold: Permill::from_parts(200_000),
};

parameter_types! {
	pub const DefaultTerms: SlaTerms<u64> = DEFAULT_TERMS;
	pub const MaxSlash: Perbill = Perbill::from_percent(25);
	pub const ReputationDecay: Perbill = Perbill::from_percent(99);
	pub const DisablingThreshold: Perbill = Perbill::from_percent(1);
}

/// The most operators of a round in the tests.
pub const MAX_OPERATORS: u32 = 31;
/// Records kept per feed in the tests.
pub const HISTORY: u32 = 8;
/// Feeds with an SLA state at most.
pub const MAX_FEEDS: u32 = 128;
/// Assigned rounds a tally needs to be judged in the tests: enough that an operator missing at
/// three times its 20 % threshold is reported in almost every judgement (binomially 99.86 %),
/// while one missing at its threshold is in about 0.09 % of them.
pub const MIN_JUDGED_ROUNDS: u32 = 50;
/// Missed rounds never an offence in the tests.
pub const MISS_FLOOR: u32 = 1;

impl pallet_oracle_sla::Config for Test {
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type Feeds = Feeds;
	type ValidatorSet = Validators;
	type ReportOffence = Offences;
	type Rewards = Points;
	type OnRoundsJudged = RecordJudged;
	type MaxOperators = ConstU32<MAX_OPERATORS>;
	type MaxFeeds = ConstU32<MAX_FEEDS>;
	type MaxSlaHistory = ConstU32<HISTORY>;
	type DefaultTerms = DefaultTerms;
	type MaxSlash = MaxSlash;
	type RewardPoints = ConstU32<2>;
	type ReputationDecay = ReputationDecay;
	type MinJudgedRounds = ConstU32<MIN_JUDGED_ROUNDS>;
	type MissAllowanceFloor = ConstU32<MISS_FLOOR>;
	type DisablingThreshold = DisablingThreshold;
	type WeightInfo = ();
}

/// Sets the session's validators.
pub fn set_validators(validators: &[u64]) {
	VALIDATORS.with(|v| *v.borrow_mut() = validators.to_vec());
}

/// Sets the current session index.
pub fn set_session(session: SessionIndex) {
	SESSION.with(|s| *s.borrow_mut() = session);
}

/// Makes `feed_id` exist.
pub fn add_feed(feed_id: FeedId) {
	FEEDS.with(|f| f.borrow_mut().insert(feed_id));
}

/// Removes a feed from those that exist.
pub fn drop_feed(feed_id: FeedId) {
	FEEDS.with(|f| f.borrow_mut().remove(&feed_id));
}

/// The offences reported so far, emptying the record.
pub fn take_offences() -> Vec<Reported> {
	OFFENCES.with(|o| core::mem::take(&mut *o.borrow_mut()))
}

/// The era points given so far.
pub fn points() -> BTreeMap<u64, u32> {
	POINTS.with(|p| p.borrow().clone())
}

/// A submission of `operator` of `value` at block `at`, in bounds.
pub fn answer(operator: u64, value: Value, at: u64) -> Answer<u64, u64> {
	Answer { operator, value, at, in_bounds: true }
}

/// A closed round of `feed_id` started and opened at block 10 and closed at 12 (its window
/// spanned `f + 1` authors at once), whose answers are judged against its value.
pub fn outcome(
	feed_id: FeedId,
	round_id: RoundId,
	value: Option<Value>,
	answers: Vec<Answer<u64, u64>>,
	missing: Vec<u64>,
) -> RoundOutcome<u64, u64> {
	RoundOutcome {
		feed_id,
		round_id,
		value,
		decimals: 8,
		closed_at_ms: 0,
		reference: value,
		band: value.map(|v| (v, v)),
		// The mock's session of four operators.
		previous: None,
		faults: 1,
		spanned_at: Some(10),
		started_at: 10,
		opened_at: 10,
		closed_at: 12,
		answers,
		missing,
		pending: Vec::new(),
	}
}

/// Fresh externalities: operators 1 to 4 are validators in session 3, feeds 0 and 1 exist.
pub fn new_test_ext() -> sp_io::TestExternalities {
	VALIDATORS.with(|v| *v.borrow_mut() = vec![1, 2, 3, 4]);
	SESSION.with(|s| *s.borrow_mut() = 3);
	FEEDS.with(|f| *f.borrow_mut() = [0, 1].into_iter().collect());
	OFFENCES.with(|o| o.borrow_mut().clear());
	KNOWN.with(|k| k.borrow_mut().clear());
	POINTS.with(|p| p.borrow_mut().clear());
	JUDGED.with(|j| j.borrow_mut().clear());
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities and checks the pallet's invariants after it.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
