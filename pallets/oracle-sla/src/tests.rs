//! Tests of the SLA pallet: terms, records, reputation, rewards and offences.

use crate::{
	mock::*,
	types::{
		beyond_tolerance, deviation, OffenceKind, OutOfTolerance, RoundStatus, SlaTerms, TermsError,
	},
	Error, Event, FeedStates, Pruning, Records, SessionTally, Stats,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};
use oracle_primitives::{
	rounds::{Answer, GraceOutcome, OnFeedChanged, OnRoundResolved, RoundOutcome},
	values::median,
	Value,
};
use sp_runtime::{DispatchError, FixedPointNumber, FixedU128, Perbill, Permill};
use sp_staking::OnStakingUpdate;

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::OracleSla(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn resolve(outcomes: &[RoundOutcome<u64, u64>]) -> Weight {
	<OracleSla as OnRoundResolved<u64, u64>>::on_rounds_resolved(outcomes)
}

const PRICE: Value = 100_000_000;

#[test]
fn set_terms_stores_and_emits() {
	run_test(|| {
		let terms = SlaTerms { deviation_tolerance: Permill::from_parts(5_000), ..DEFAULT_TERMS };
		assert_eq!(OracleSla::terms(1), DEFAULT_TERMS);
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 1, terms));
		assert_eq!(OracleSla::feed_state(1).and_then(|state| state.terms), Some(terms));
		assert_eq!(OracleSla::terms(1), terms);
		assert_eq!(events(), vec![Event::TermsSet { feed_id: 1, terms }]);
		let sla = OracleSla::feed_sla(1).unwrap();
		assert!(sla.custom_terms);
		assert_eq!(sla.terms, terms);
		assert_eq!(OracleSla::feed_sla(7), None);
	});
}

#[test]
fn set_terms_refuses_bad_origins_feeds_and_terms() {
	run_test(|| {
		let cases = [
			(
				SlaTerms { deviation_tolerance: Permill::zero(), ..DEFAULT_TERMS },
				TermsError::ZeroTolerance,
			),
			(SlaTerms { max_latency: 0, ..DEFAULT_TERMS }, TermsError::ZeroLatency),
			(
				SlaTerms { missed_rounds_threshold: Permill::zero(), ..DEFAULT_TERMS },
				TermsError::ZeroMissThreshold,
			),
			(
				SlaTerms { deviation_slash: Perbill::from_percent(11), ..DEFAULT_TERMS },
				TermsError::SlashAboveCap,
			),
			(
				SlaTerms { miss_slash: Perbill::from_percent(2), ..DEFAULT_TERMS },
				TermsError::SlashAboveCap,
			),
			(
				SlaTerms { max_deviation_slash: Perbill::from_percent(26), ..DEFAULT_TERMS },
				TermsError::CapAboveLimit,
			),
			(
				SlaTerms { max_miss_slash: Perbill::from_percent(30), ..DEFAULT_TERMS },
				TermsError::CapAboveLimit,
			),
			(
				SlaTerms { max_miss_slash: Perbill::from_percent(1), ..DEFAULT_TERMS },
				TermsError::MissSlashWouldDisable,
			),
			(
				SlaTerms { deviation_slash: Perbill::from_parts(9_999_999), ..DEFAULT_TERMS },
				TermsError::DeviationSlashBelowDisabling,
			),
		];
		for (terms, error) in cases {
			assert_noop!(
				OracleSla::set_terms(RuntimeOrigin::root(), 0, terms),
				Error::<Test>::InvalidTerms(error)
			);
		}
		assert_noop!(
			OracleSla::set_terms(RuntimeOrigin::signed(1), 0, DEFAULT_TERMS),
			DispatchError::BadOrigin
		);
		assert_noop!(
			OracleSla::set_terms(RuntimeOrigin::root(), 9, DEFAULT_TERMS),
			Error::<Test>::UnknownFeed
		);
	});
}

#[test]
fn clear_terms_returns_to_the_defaults() {
	run_test(|| {
		assert_noop!(OracleSla::clear_terms(RuntimeOrigin::root(), 0), Error::<Test>::NoTerms);
		let terms = SlaTerms { max_latency: 5, ..DEFAULT_TERMS };
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 0, terms));
		assert_noop!(OracleSla::clear_terms(RuntimeOrigin::signed(1), 0), DispatchError::BadOrigin);
		assert_ok!(OracleSla::clear_terms(RuntimeOrigin::root(), 0));
		assert_noop!(OracleSla::clear_terms(RuntimeOrigin::root(), 0), Error::<Test>::NoTerms);
		assert_eq!(OracleSla::feed_state(0).map(|state| state.terms), Some(None));
		assert_eq!(OracleSla::terms(0), DEFAULT_TERMS);
		assert_eq!(events().last(), Some(&Event::TermsCleared { feed_id: 0 }));
	});
}

#[test]
fn an_honest_round_publishes_its_record_and_earns_points() {
	run_test(|| {
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE + 100_000, 11),
			answer(3, PRICE - 300_000, 12),
		];
		resolve(&[outcome(0, 1, Some(PRICE), answers, vec![4])]);

		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!(record.status, RoundStatus::Resolved);
		assert_eq!(record.value, Some(PRICE));
		assert_eq!((record.expected, record.submitted, record.accepted, record.late), (4, 3, 3, 0));
		assert_eq!(record.missing.into_inner(), vec![4]);
		assert!(record.out_of_tolerance.is_empty());
		assert_eq!(record.spread, Some((PRICE - 300_000, PRICE + 100_000)));
		// Distances from the median 1e8: 0, 100_000, 300_000; their median 100_000 is 0.1 %.
		assert_eq!(record.dispersion, Permill::from_parts(1_000));
		assert_eq!(record.latency, 2);
		assert!(record.quorum_met);
		assert_eq!(record.availability, Permill::one());
		assert_eq!(record.target_availability, DEFAULT_TERMS.target_availability);
		assert_eq!(
			events(),
			vec![Event::SlaPublished { record: Records::<Test>::get(0, 1).unwrap() }]
		);

		assert_eq!(points(), [(1, 2), (2, 2), (3, 2)].into_iter().collect());
		assert!(take_offences().is_empty());
		let one = Stats::<Test>::get(1).unwrap();
		assert_eq!((one.assigned, one.submitted, one.accepted, one.missed), (1, 1, 1, 0));
		assert_eq!(one.reward_points, 2);
		assert_eq!(one.good, FixedU128::from_u32(1));
		let four = Stats::<Test>::get(4).unwrap();
		assert_eq!((four.assigned, four.submitted, four.missed), (1, 0, 1));
		assert_eq!(four.bad, FixedU128::from_u32(1));
		assert_eq!(Stats::<Test>::get(3).unwrap().latency_sum, 2);
		let summary = OracleSla::feed_state(0).unwrap().summary;
		assert_eq!((summary.rounds, summary.resolved, summary.latest_round), (1, 1, 1));
		let tally = SessionTally::<Test>::get();
		assert_eq!(tally.len(), 4);
		assert!(tally.iter().all(|t| t.assigned == 1 && t.allowance == 200_000));
		// 0.2 × 0.8 of a round², in millionths squared.
		assert!(tally.iter().all(|t| t.variance == 160_000_000_000));
	});
}

#[docify::export]
#[test]
fn tighter_terms_then_a_record_and_a_report() {
	run_test(|| {
		let btc_usd = 0;
		// 0.5 % instead of the default tolerance.
		let terms = SlaTerms { deviation_tolerance: Permill::from_parts(5_000), ..DEFAULT_TERMS };
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), btc_usd, terms));
		// A round closes; operator 4 is 1 % off the others.
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE, 10),
			answer(3, PRICE, 10),
			answer(4, PRICE + PRICE / 100, 10),
		];
		resolve(&[outcome(btc_usd, 1, Some(PRICE), answers, vec![])]);
		let record = Records::<Test>::get(btc_usd, 1).expect("published when the round closed");
		assert_eq!((record.accepted, record.out_of_tolerance.len()), (3, 1));
		let report = OracleSla::operator_report(&4).expect("it had a round");
		assert_eq!((report.stats.assigned, report.stats.out_of_tolerance), (1, 1));
		assert!(report.score < OracleSla::operator_report(&1).unwrap().score);
	});
}

/// The rounds go on to delivery only once judged, each with its record's summary: whoever
/// comes next never sees a round before its record exists.
#[test]
fn judged_rounds_go_on_with_their_records_summaries() {
	run_test(|| {
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE + 100_000, 10),
			answer(3, PRICE + 3_000_000, 10),
		];
		resolve(&[
			outcome(0, 7, Some(PRICE), answers, vec![4]),
			outcome(1, 2, None, vec![answer(1, PRICE, 10)], vec![2, 3, 4]),
		]);
		let judged = take_judged();
		assert_eq!(judged.len(), 2);
		let (resolved, stored) = judged[0];
		assert!(stored, "the record exists when the round is handed on");
		assert_eq!((resolved.feed_id, resolved.round_id, resolved.value), (0, 7, Some(PRICE)));
		assert_eq!(resolved.sla, Records::<Test>::get(0, 7).unwrap().summary());
		assert_eq!(
			(resolved.sla.expected, resolved.sla.submitted, resolved.sla.accepted),
			(4, 3, 2)
		);
		assert_eq!(resolved.sla.deviating, 1);
		assert_eq!(resolved.sla.availability, Permill::one());
		let (timed_out, stored) = judged[1];
		assert!(stored);
		assert_eq!((timed_out.feed_id, timed_out.round_id, timed_out.value), (1, 2, None));
		assert_eq!((timed_out.sla.expected, timed_out.sla.accepted), (4, 0));
		assert_eq!(timed_out.sla.availability, Permill::zero());
		// Nothing closed, nothing handed on.
		resolve(&[]);
		assert!(take_judged().is_empty());
	});
}

#[test]
fn a_liar_is_recorded_and_reported_with_a_slash_that_scales_and_is_capped() {
	run_test(|| {
		// 3 % off with a 1 % tolerance: three times the 1 % slash.
		let liar = PRICE + 3_000_000;
		// 50 % off: capped at 10 %.
		let wild = PRICE / 2;
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE, 10),
			answer(3, liar, 10),
			answer(4, wild, 10),
		];
		resolve(&[outcome(0, 5, Some(PRICE), answers, vec![])]);
		let record = Records::<Test>::get(0, 5).unwrap();
		assert_eq!(record.accepted, 2);
		assert_eq!(
			record.out_of_tolerance.into_inner(),
			vec![
				OutOfTolerance { operator: 3, value: liar, deviation: Permill::from_percent(3) },
				OutOfTolerance { operator: 4, value: wild, deviation: Permill::from_percent(50) },
			]
		);
		let offences = take_offences();
		assert_eq!(offences.len(), 2);
		assert_eq!((offences[0].offender, offences[0].kind), (3, *b"oracle:deviation"));
		assert_eq!(offences[0].fraction, Perbill::from_percent(3));
		assert_eq!((offences[0].session, offences[0].validator_set_count), (3, 4));
		assert_eq!((offences[1].offender, offences[1].fraction), (4, Perbill::from_percent(10)));
		let kind = OffenceKind::Deviation { feed_id: 0, round_id: 5 };
		assert!(events().contains(&Event::OffenceReported {
			operator: 3,
			kind,
			fraction: Perbill::from_percent(3)
		}));
		assert_eq!(Stats::<Test>::get(3).unwrap().penalties, 1);
		assert_eq!(Stats::<Test>::get(3).unwrap().out_of_tolerance, 1);
		assert_eq!(OracleSla::feed_state(0).unwrap().summary.out_of_tolerance, 2);
		assert!(!points().contains_key(&3));

		// The same round handed over again is not reported twice.
		System::reset_events();
		resolve(&[outcome(0, 5, Some(PRICE), vec![answer(3, liar, 10)], vec![])]);
		assert!(take_offences().is_empty());
		assert_eq!(Stats::<Test>::get(3).unwrap().penalties, 1);
		assert!(events().contains(&Event::OffenceNotReported { operator: 3, kind }));
	});
}

#[test]
fn an_operator_beyond_tolerance_in_several_rounds_of_a_block_is_reported_once_for_the_worst() {
	run_test(|| {
		let honest = |feed_id, round_id, liar: Value| {
			outcome(
				feed_id,
				round_id,
				Some(PRICE),
				vec![answer(1, PRICE, 10), answer(2, PRICE, 10), answer(3, liar, 10)],
				vec![],
			)
		};
		// 3 % off in feed 0, 5 % off in feed 1, both closing in this block.
		resolve(&[honest(0, 7, PRICE + 3_000_000), honest(1, 4, PRICE - 5_000_000)]);
		for (feed_id, round_id) in [(0, 7), (1, 4)] {
			let record = Records::<Test>::get(feed_id, round_id).unwrap();
			assert_eq!(record.out_of_tolerance.len(), 1, "both rounds record the liar");
		}
		let offences = take_offences();
		assert_eq!(offences.len(), 1);
		assert_eq!((offences[0].offender, offences[0].fraction), (3, Perbill::from_percent(5)));
		let kind = OffenceKind::Deviation { feed_id: 1, round_id: 4 };
		assert!(events().contains(&Event::OffenceReported {
			operator: 3,
			kind,
			fraction: Perbill::from_percent(5)
		}));
		let stats = Stats::<Test>::get(3).unwrap();
		assert_eq!((stats.out_of_tolerance, stats.penalties), (2, 1));
		// The next block's deviation is reported on its own.
		resolve(&[honest(0, 8, PRICE + 2_000_000)]);
		assert_eq!(take_offences().len(), 1);
	});
}

#[test]
fn terms_are_refused_beyond_max_feeds() {
	run_test(|| {
		for feed_id in 0..=MAX_FEEDS {
			add_feed(feed_id);
		}
		for feed_id in 0..MAX_FEEDS {
			assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), feed_id, DEFAULT_TERMS));
		}
		assert_noop!(
			OracleSla::set_terms(RuntimeOrigin::root(), MAX_FEEDS, DEFAULT_TERMS),
			Error::<Test>::TooManyFeeds
		);
		// A feed that has a state takes new terms whatever the count.
		let terms = SlaTerms { max_latency: 7, ..DEFAULT_TERMS };
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 3, terms));
		assert_eq!(OracleSla::terms(3), terms);
		let states = FeedStates::<Test>::get();
		assert_eq!(states.len(), MAX_FEEDS as usize);
		assert!(states.iter().zip(0..).all(|(state, feed_id)| state.feed_id == feed_id));
	});
}

#[test]
fn a_value_just_beyond_the_tolerance_is_an_offence_and_one_at_it_is_not() {
	run_test(|| {
		// 1 % of 1e8 is 1_000_000.
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE + 1_000_000, 10),
			answer(3, PRICE - 1_000_001, 10),
		];
		resolve(&[outcome(0, 1, Some(PRICE), answers, vec![4])]);
		let offences = take_offences();
		assert_eq!(offences.iter().map(|o| o.offender).collect::<Vec<_>>(), vec![3]);
		// Rounded down to the tolerance: the base slash.
		assert_eq!(offences[0].fraction, Perbill::from_percent(1));
	});
}

/// An answer outside the feed's bounds is a circuit-breaker event of the feed, not an offence:
/// when the true price crosses a tight bound, every operator that reports it would otherwise be
/// slashed. It did not count, so it earns nothing either, and it is not a miss.
#[test]
fn out_of_bounds_values_are_a_breaker_not_an_offence() {
	run_test(|| {
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE, 10),
			Answer { operator: 3, value: PRICE * 2, at: 10, in_bounds: false },
		];
		resolve(&[outcome(0, 1, Some(PRICE), answers, vec![])]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!((record.submitted, record.accepted), (3, 2));
		assert!(record.out_of_tolerance.is_empty());
		assert!(record.missing.is_empty());
		assert!(take_offences().is_empty());
		let stats = Stats::<Test>::get(3).unwrap();
		assert_eq!((stats.submitted, stats.accepted, stats.missed), (1, 0, 0));
		assert_eq!((stats.out_of_tolerance, stats.penalties, stats.reward_points), (0, 0, 0));
		assert!(!points().contains_key(&3));
	});
}

/// In a fast market honest answers spread beyond the tolerance. A liar that copies one honest
/// extreme moves the median towards it, and against the median the honest operator at the other
/// extreme was beyond tolerance and slashed. Against the band of the answers without the `f`
/// lowest and highest, no honest operator within tolerance of the honest range is.
#[test]
fn a_liar_copying_an_honest_extreme_cannot_choose_whom_to_frame() {
	run_test(|| {
		// Four operators, f = 1: honest answers 1.6 % apart with a 1 % tolerance; the liar
		// (4) copies the highest.
		let (low, mid, high) = (PRICE, PRICE + PRICE * 8 / 1_000, PRICE + PRICE * 16 / 1_000);
		let answers =
			vec![answer(1, low, 10), answer(2, mid, 10), answer(3, high, 10), answer(4, high, 10)];
		let mut values = vec![low, mid, high, high];
		let band = pallet_oracle_aggregation::aggregate::trimmed_band(&mut values, 1);
		assert_eq!(band, Some((mid, high)));
		let mut round = outcome(0, 1, Some(mid), answers, vec![]);
		round.reference = median(&mut values);
		round.band = band;
		// Against the median (between `mid` and `high`) the lowest honest answer is 1.2 %
		// off, beyond tolerance; it is 0.8 % off the band's lower end.
		let reference = round.reference.unwrap();
		assert!(crate::types::beyond_tolerance(
			low,
			reference,
			DEFAULT_TERMS.deviation_tolerance,
			0
		));
		resolve(&[round]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert!(record.out_of_tolerance.is_empty(), "{:?}", record.out_of_tolerance);
		assert_eq!(record.accepted, 4);
		assert!(take_offences().is_empty());
	});
}

#[test]
fn late_values_are_accepted_without_points() {
	run_test(|| {
		let answers = vec![answer(1, PRICE, 10), answer(2, PRICE, 13)];
		resolve(&[outcome(0, 1, Some(PRICE), answers, vec![])]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!((record.accepted, record.late), (2, 1));
		assert_eq!(points(), [(1, 2)].into_iter().collect());
		let late = Stats::<Test>::get(2).unwrap();
		assert_eq!((late.late, late.accepted, late.reward_points), (1, 1, 0));
		assert_eq!(late.good, FixedU128::from_rational(1, 2));
		assert_eq!(late.bad, FixedU128::from_rational(1, 2));
		assert_eq!(late.score(), Permill::from_percent(50));
		assert_eq!(OracleSla::operator_report(&2).unwrap().average_latency, 3);
	});
}

/// An answer kept out by colluding authors is not late: a submission is late only if it also
/// landed after the blocks since the opening had `f + 1` distinct authors (`spanned_at`), by
/// when an honest author had included it.
#[test]
fn an_answer_that_landed_before_f_plus_1_authors_passed_is_never_late() {
	run_test(|| {
		let answers = vec![answer(1, PRICE, 10), answer(2, PRICE, 14), answer(3, PRICE, 15)];
		let mut round = outcome(0, 1, Some(PRICE), answers, vec![]);
		// Opened at 10, `f + 1` distinct authors by block 14.
		round.spanned_at = Some(14);
		resolve(&[round]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!((record.accepted, record.late), (3, 1));
		let kept_out = Stats::<Test>::get(2).unwrap();
		let on_time = Stats::<Test>::get(1).unwrap();
		assert_eq!((kept_out.late, kept_out.reward_points), (0, on_time.reward_points));
		assert_eq!(Stats::<Test>::get(3).unwrap().late, 1);
		// A round that closed before `f + 1` distinct authors: nobody is late.
		let mut round = outcome(0, 2, Some(PRICE), vec![answer(3, PRICE, 20)], vec![]);
		round.spanned_at = None;
		resolve(&[round]);
		assert_eq!(Records::<Test>::get(0, 2).unwrap().late, 0);
		assert_eq!(Stats::<Test>::get(3).unwrap().late, 1);
	});
}

/// In a fast market an honest answer fetched a block before or after the others may be beyond
/// tolerance of the band: if `f + 1` in-bounds answers (its own included) agree with it, one of
/// them is honest and it is not an offence; a lone answer as far off is.
#[test]
fn an_answer_that_f_plus_1_answers_agree_with_is_not_beyond_tolerance() {
	run_test(|| {
		let off = PRICE + PRICE * 15 / 1_000;
		let agreeing = PRICE + PRICE * 12 / 1_000;
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE, 10),
			answer(3, off, 10),
			answer(4, agreeing, 10),
		];
		resolve(&[outcome(0, 1, Some(PRICE), answers, vec![])]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert!(record.out_of_tolerance.is_empty(), "{record:?}");
		assert!(take_offences().is_empty());
		// Alone, the same value is beyond tolerance (the mock's `f` is 1).
		let answers = vec![answer(1, PRICE, 10), answer(2, PRICE, 10), answer(3, off, 10)];
		resolve(&[outcome(0, 2, Some(PRICE), answers, vec![4])]);
		let record = Records::<Test>::get(0, 2).unwrap();
		assert_eq!(record.out_of_tolerance.iter().map(|o| o.operator).collect::<Vec<_>>(), [3]);
		assert_eq!(take_offences().iter().map(|o| o.offender).collect::<Vec<_>>(), [3]);
	});
}

/// The tolerance of a round widens by how far its value moved from the feed's previous value:
/// after a 2 % move, an answer 2.5 % from the band is accepted and one 6 % away is not.
#[test]
fn the_tolerance_widens_by_the_move_since_the_previous_value() {
	run_test(|| {
		let within = PRICE + PRICE * 25 / 1_000;
		let beyond = PRICE + PRICE * 6 / 100;
		let answers = vec![
			answer(1, PRICE, 10),
			answer(2, PRICE, 10),
			answer(3, within, 10),
			answer(4, beyond, 10),
		];
		let mut round = outcome(0, 1, Some(PRICE), answers.clone(), vec![]);
		round.previous = Some(PRICE * 100 / 102);
		resolve(&[round]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!(record.out_of_tolerance.iter().map(|o| o.operator).collect::<Vec<_>>(), [4]);
		// Without the move both are beyond.
		resolve(&[outcome(0, 2, Some(PRICE), answers, vec![])]);
		let record = Records::<Test>::get(0, 2).unwrap();
		assert_eq!(record.out_of_tolerance.iter().map(|o| o.operator).collect::<Vec<_>>(), [3, 4]);
	});
}

/// A pending operator that is no longer an operator when the grace period ends is not judged,
/// and leaves the round's record: it is no longer listed as missing, nor expected.
#[test]
fn a_pending_operator_gone_when_the_grace_period_ends_leaves_the_record() {
	run_test(|| {
		let mut round =
			outcome(0, 1, Some(PRICE), vec![answer(1, PRICE, 10), answer(2, PRICE, 10)], vec![]);
		round.pending = vec![3, 4];
		resolve(&[round]);
		let grace = GraceOutcome {
			feed_id: 0,
			round_id: 1,
			late: vec![],
			missing: vec![4],
			unjudged: vec![3],
		};
		<OracleSla as OnRoundResolved<u64, u64>>::on_graces_over(&[grace]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!(record.missing.to_vec(), vec![4]);
		assert_eq!((record.expected, record.submitted), (3, 2));
		assert!(Stats::<Test>::get(3).is_none() && tally_of(3).is_none());
		assert_eq!(Stats::<Test>::get(4).unwrap().missed, 1);
	});
}

#[test]
fn a_timed_out_round_judges_no_value_but_counts_misses() {
	run_test(|| {
		resolve(&[outcome(0, 1, Some(PRICE), vec![answer(1, PRICE, 10)], vec![2, 3, 4])]);
		resolve(&[outcome(0, 2, None, vec![answer(1, PRICE * 2, 10)], vec![2, 3, 4])]);
		let record = Records::<Test>::get(0, 2).unwrap();
		assert_eq!(record.status, RoundStatus::TimedOut);
		assert_eq!((record.submitted, record.accepted, record.expected), (1, 0, 4));
		assert!(!record.quorum_met);
		assert!(record.out_of_tolerance.is_empty());
		assert_eq!(record.availability, Permill::from_percent(50));
		assert!(take_offences().is_empty());
		let sla = OracleSla::feed_sla(0).unwrap();
		assert_eq!((sla.summary.rounds, sla.summary.timed_out), (2, 1));
		assert!(!sla.meets_target);
		assert_eq!(Stats::<Test>::get(2).unwrap().missed, 2);
		assert_eq!(Stats::<Test>::get(1).unwrap().submitted, 2);
	});
}

/// Closes `rounds` rounds of feed 0 numbered from `first`, operator `n` missing the first
/// `misses[n - 1]` of them (operators 1 to `misses.len()`), the others answering `PRICE`.
fn close_rounds(first: u32, rounds: u32, misses: &[u32]) {
	for offset in 0..rounds {
		let mut answers = Vec::new();
		let mut missing = Vec::new();
		for (operator, &missed) in (1u64..).zip(misses) {
			if offset < missed {
				missing.push(operator);
			} else {
				answers.push(answer(operator, PRICE, 10));
			}
		}
		resolve(&[outcome(0, first + offset, Some(PRICE), answers, missing)]);
	}
}

/// The tally of `operator`, if it has one.
fn tally_of(operator: u64) -> Option<crate::types::Tally<u64>> {
	SessionTally::<Test>::get().into_iter().find(|t| t.operator == operator)
}

#[test]
fn a_session_end_reports_operators_that_missed_too_many_rounds_once() {
	run_test(|| {
		// 50 rounds at a 20 % threshold: an allowance of 10, a margin of 3 × √8 (8.49) and the
		// floor of 1: 19 misses are tolerated. 4 misses all, 3 misses 19 (beyond the bare
		// allowance, within the margin), 2 misses 20 (beyond).
		close_rounds(1, MIN_JUDGED_ROUNDS, &[0, 20, 19, 50]);
		assert!(take_offences().is_empty());
		assert_eq!(tally_of(3).map(|t| t.tolerated(MISS_FLOOR)), Some(19_485_284));
		System::reset_events();
		OracleSla::end_session(3);
		let offences = take_offences();
		// In the order the session first saw them.
		assert_eq!(offences.iter().map(|o| o.offender).collect::<Vec<_>>(), vec![2, 4]);
		assert!(offences.iter().all(|o| o.kind == *b"oracle:unavailab" && o.session == 3));
		// 20 missed of an allowance of 10: 2 × 0.1 %; 50 missed: 5 × 0.1 %, the 0.5 % cap.
		assert_eq!(offences[0].fraction, Perbill::from_parts(2_000_000));
		assert_eq!(offences[1].fraction, Perbill::from_parts(5_000_000));
		let kind = OffenceKind::Unavailability { session: 3 };
		assert_eq!(
			events(),
			vec![
				Event::OffenceReported {
					operator: 2,
					kind,
					fraction: Perbill::from_parts(2_000_000),
				},
				Event::OffenceReported {
					operator: 4,
					kind,
					fraction: Perbill::from_parts(5_000_000),
				},
			]
		);
		assert_eq!(Stats::<Test>::get(3).unwrap().penalties, 0);
		// Every tally was judged: none is left.
		assert!(SessionTally::<Test>::get().is_empty());
		// Nothing is left to report for the session.
		OracleSla::end_session(3);
		assert!(take_offences().is_empty());
	});
}

#[test]
fn the_three_sigma_boundary_is_exact() {
	run_test(|| {
		// Of 50 rounds, 19 misses are tolerated (19_485_284 millionths), 20 are not.
		close_rounds(1, MIN_JUDGED_ROUNDS, &[19, 20]);
		let (two, one) = (tally_of(2).unwrap(), tally_of(1).unwrap());
		assert!(!one.is_offence(MIN_JUDGED_ROUNDS, MISS_FLOOR));
		assert!(two.is_offence(MIN_JUDGED_ROUNDS, MISS_FLOOR));
		// Without the floor, one miss fewer is an offence.
		assert!(one.is_offence(MIN_JUDGED_ROUNDS, 0));
		// Below the minimum, nothing is an offence.
		assert!(!two.is_offence(MIN_JUDGED_ROUNDS + 1, MISS_FLOOR));
		OracleSla::end_session(3);
		assert_eq!(take_offences().iter().map(|o| o.offender).collect::<Vec<_>>(), vec![2]);
		assert_eq!(
			events().last(),
			Some(&Event::OffenceReported {
				operator: 2,
				kind: OffenceKind::Unavailability { session: 3 },
				fraction: Perbill::from_parts(2_000_000),
			})
		);
	});
}

#[test]
fn a_short_tally_is_carried_over_then_judged_at_the_minimum() {
	run_test(|| {
		// 2 misses every one of 30 rounds, 3 one of them: too few rounds to judge.
		close_rounds(1, 30, &[0, 30, 1]);
		OracleSla::end_session(3);
		assert!(take_offences().is_empty());
		assert!(!events().iter().any(|e| matches!(e, Event::OffenceReported { .. })));
		let carried = tally_of(2).unwrap();
		assert_eq!((carried.assigned, carried.missed, carried.allowance), (30, 30, 6_000_000));
		assert_eq!(SessionTally::<Test>::get().len(), 3);

		// 19 rounds more, all answered: still one short.
		set_session(4);
		close_rounds(31, MIN_JUDGED_ROUNDS - 31, &[0, 0, 0]);
		OracleSla::end_session(4);
		assert!(take_offences().is_empty());
		assert_eq!(tally_of(2).map(|t| (t.assigned, t.missed)), Some((MIN_JUDGED_ROUNDS - 1, 30)));

		// The 50th round: 2 is judged over all of them (30 missed, 19 tolerated) and reported
		// in the session that judged it; every tally, reported or not, starts afresh.
		set_session(5);
		close_rounds(MIN_JUDGED_ROUNDS, 1, &[0, 0, 0]);
		System::reset_events();
		OracleSla::end_session(5);
		let offences = take_offences();
		assert_eq!(offences.iter().map(|o| (o.offender, o.session)).collect::<Vec<_>>(), [(2, 5)]);
		// 30 missed of an allowance of 10: 3 × 0.1 %.
		assert_eq!(
			events(),
			vec![Event::OffenceReported {
				operator: 2,
				kind: OffenceKind::Unavailability { session: 5 },
				fraction: Perbill::from_parts(3_000_000),
			}]
		);
		assert!(SessionTally::<Test>::get().is_empty());
	});
}

#[test]
fn misses_within_the_floor_are_never_an_offence() {
	run_test(|| {
		// A threshold of one millionth: the allowance and its margin are a few hundredths of a
		// round, so the floor of one round alone decides.
		let terms = SlaTerms { missed_rounds_threshold: Permill::from_parts(1), ..DEFAULT_TERMS };
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 0, terms));
		close_rounds(1, MIN_JUDGED_ROUNDS, &[0, MISS_FLOOR, MISS_FLOOR + 1]);
		assert_eq!(tally_of(2).map(|t| t.tolerated(MISS_FLOOR)), Some(1_021_266));
		OracleSla::end_session(3);
		assert_eq!(take_offences().iter().map(|o| o.offender).collect::<Vec<_>>(), vec![3]);
		assert!(!events().iter().any(|e| matches!(e, Event::OffenceReported { operator: 2, .. })));
	});
}

#[test]
fn a_departed_operators_carried_tally_is_dropped() {
	run_test(|| {
		// 4 misses every round but has too few to be judged; 9 answers without being a
		// validator.
		for round in 1..=10 {
			let answers = vec![answer(1, PRICE, 10), answer(9, PRICE, 10)];
			resolve(&[outcome(0, round, Some(PRICE), answers, vec![4])]);
		}
		let operators =
			|| -> Vec<u64> { SessionTally::<Test>::get().iter().map(|t| t.operator).collect() };
		assert_eq!(operators(), vec![1, 9, 4]);
		// 9's tally is dropped at once, 4's carried.
		OracleSla::end_session(3);
		assert_eq!(operators(), vec![1, 4]);
		// 4 leaves the validators: its tally is dropped at the next session end, unjudged.
		set_session(4);
		set_validators(&[1, 2, 3]);
		OracleSla::end_session(4);
		assert_eq!(operators(), vec![1]);
		assert!(take_offences().is_empty());
		assert!(!events().iter().any(|e| matches!(
			e,
			Event::OffenceReported { .. } | Event::OffenceNotReported { .. }
		)));
		// Back as a validator, it starts afresh.
		set_validators(&[1, 2, 3, 4]);
		resolve(&[outcome(0, 11, Some(PRICE), vec![answer(1, PRICE, 10)], vec![4])]);
		assert_eq!(tally_of(4).map(|t| (t.assigned, t.missed)), Some((1, 1)));
	});
}

#[test]
fn the_unavailability_slash_is_capped() {
	run_test(|| {
		let terms = SlaTerms {
			missed_rounds_threshold: Permill::from_parts(1),
			miss_slash: Perbill::from_parts(2_000_000),
			max_miss_slash: Perbill::from_parts(4_000_000),
			..DEFAULT_TERMS
		};
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 0, terms));
		close_rounds(1, MIN_JUDGED_ROUNDS, &[0, MIN_JUDGED_ROUNDS]);
		OracleSla::end_session(3);
		assert_eq!(take_offences()[0].fraction, Perbill::from_parts(4_000_000));
	});
}

#[test]
fn terms_keep_unavailability_below_and_deviation_at_the_disabling_threshold() {
	run_test(|| {
		// The defaults, and so the runtime's integrity test, hold.
		<OracleSla as Hooks<u64>>::integrity_test();
		// The exact boundaries: a miss cap just below 1 % and a deviation slash of exactly 1 %.
		let edge = SlaTerms {
			max_miss_slash: Perbill::from_parts(9_999_999),
			deviation_slash: Perbill::from_percent(1),
			..DEFAULT_TERMS
		};
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 0, edge));
		assert_eq!(events(), vec![Event::TermsSet { feed_id: 0, terms: edge }]);
		assert_noop!(
			OracleSla::set_terms(
				RuntimeOrigin::root(),
				0,
				SlaTerms { max_miss_slash: Perbill::from_percent(1), ..edge }
			),
			Error::<Test>::InvalidTerms(TermsError::MissSlashWouldDisable)
		);
		assert_noop!(
			OracleSla::set_terms(
				RuntimeOrigin::root(),
				1,
				SlaTerms { deviation_slash: Perbill::from_parts(9_999_999), ..edge }
			),
			Error::<Test>::InvalidTerms(TermsError::DeviationSlashBelowDisabling)
		);
	});
}

#[test]
fn an_offender_without_identification_is_not_reported() {
	run_test(|| {
		let answers = vec![answer(1, PRICE, 10), answer(2, PRICE, 10), answer(9, PRICE * 2, 10)];
		resolve(&[outcome(0, 1, Some(PRICE), answers, vec![])]);
		assert!(take_offences().is_empty());
		assert!(events().contains(&Event::OffenceNotReported {
			operator: 9,
			kind: OffenceKind::Deviation { feed_id: 0, round_id: 1 }
		}));
		assert_eq!(Stats::<Test>::get(9).unwrap().penalties, 0);
	});
}

#[test]
fn records_are_kept_in_a_ring_of_max_sla_history() {
	run_test(|| {
		for round in 1..=HISTORY + 3 {
			let outcomes = [
				outcome(0, round, Some(PRICE), vec![answer(1, PRICE, 10)], vec![]),
				outcome(1, round, Some(PRICE), vec![answer(1, PRICE, 10)], vec![]),
			];
			resolve(&outcomes);
		}
		let kept: Vec<u32> = Records::<Test>::iter_key_prefix(0).collect::<Vec<_>>();
		let mut kept = kept;
		kept.sort();
		assert_eq!(kept, (4..=HISTORY + 3).collect::<Vec<_>>());
		assert_eq!(Records::<Test>::iter_key_prefix(1).count(), HISTORY as usize);
		assert_eq!(Stats::<Test>::get(1).unwrap().assigned, 2 * (HISTORY + 3));
	});
}

#[test]
fn a_removed_feed_is_pruned_in_bounded_steps() {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		for round in 1..=HISTORY {
			resolve(&[outcome(0, round, Some(PRICE), vec![answer(1, PRICE, 10)], vec![])]);
		}
		assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 0, DEFAULT_TERMS));
		drop_feed(0);
		<OracleSla as OnFeedChanged>::on_feed_removed(0);
		assert_eq!(OracleSla::feed_state(0), None);
		assert!(FeedStates::<Test>::get().is_empty());
		assert!(Pruning::<Test>::contains_key(0));
	});
	// Pruning is limited in what it deletes from the database, not in the block's overlay.
	ext.commit_all().unwrap();
	ext.execute_with(|| {
		// Room for a read, three records and the final write: three records go.
		let db = frame_support::weights::constants::RocksDbWeight::get();
		let budget = db.reads(1).saturating_add(db.writes(4));
		let used = OracleSla::on_idle(2, budget);
		assert!(used.all_lte(budget));
		assert_eq!(Records::<Test>::iter_key_prefix(0).count(), HISTORY as usize - 3);
		assert!(Pruning::<Test>::contains_key(0));
		// No room: nothing happens.
		assert_eq!(OracleSla::on_idle(3, Weight::zero()), Weight::zero());
		OracleSla::on_idle(4, Weight::MAX);
		assert_eq!(Records::<Test>::iter_key_prefix(0).count(), 0);
		assert!(!Pruning::<Test>::contains_key(0));
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}

#[test]
fn reputation_rises_with_good_rounds_falls_with_bad_ones_and_forgets() {
	run_test(|| {
		for round in 1..=50u32 {
			resolve(&[outcome(
				0,
				round,
				Some(PRICE),
				vec![answer(1, PRICE, 10), answer(2, PRICE * 2, 10)],
				vec![3],
			)]);
		}
		let good = OracleSla::operator_report(&1).unwrap();
		let liar = OracleSla::operator_report(&2).unwrap();
		let silent = OracleSla::operator_report(&3).unwrap();
		assert!(good.score > Permill::from_percent(97), "{:?}", good.score);
		assert!(liar.score < Permill::from_percent(3));
		assert_eq!(liar.score, silent.score);
		// 50 rounds at 99 %: 1 + 0.99 + … + 0.99^49 = 39.5 of evidence.
		assert_eq!(good.stats.good.saturating_mul_int(10u32), 394);
		// The silent operator turns honest: after 200 good rounds its 39.5 of bad evidence has
		// decayed to 5.3 against 86.6 of good: (86.6 + 1) / (86.6 + 5.3 + 2) = 93.3 %.
		for round in 51..=250u32 {
			resolve(&[outcome(0, round, Some(PRICE), vec![answer(3, PRICE, 10)], vec![])]);
		}
		let score = OracleSla::operator_report(&3).unwrap().score;
		assert!(
			score > Permill::from_percent(93) && score < Permill::from_percent(94),
			"{score:?}"
		);
	});
}

#[test]
fn slashes_of_known_operators_are_counted() {
	run_test(|| {
		<OracleSla as OnStakingUpdate<u64, u128>>::on_slash(&1, 0, &Default::default(), 500);
		assert_eq!(Stats::<Test>::get(1), None, "only operators with a record are followed");
		resolve(&[outcome(0, 1, Some(PRICE), vec![answer(1, PRICE, 10)], vec![])]);
		<OracleSla as OnStakingUpdate<u64, u128>>::on_slash(&1, 0, &Default::default(), 500);
		<OracleSla as OnStakingUpdate<u64, u128>>::on_slash(&1, 0, &Default::default(), 250);
		assert_eq!(Stats::<Test>::get(1).unwrap().slashed, 750);
		assert!(events().contains(&Event::OperatorSlashed { operator: 1, amount: 250 }));
	});
}

#[test]
fn deviation_is_relative_and_exact_at_the_tolerance() {
	assert_eq!(deviation(105, 100), Permill::from_percent(5));
	assert_eq!(deviation(-95, -100), Permill::from_percent(5));
	assert_eq!(deviation(500, 100), Permill::one());
	assert_eq!(deviation(0, 0), Permill::zero());
	assert_eq!(deviation(1, 0), Permill::one());
	assert_eq!(deviation(i128::MIN, i128::MAX), Permill::one());
	let tolerance = Permill::from_percent(1);
	assert!(!beyond_tolerance(101, 100, tolerance, 0));
	assert!(beyond_tolerance(102, 100, tolerance, 0));
	// 1 % of 150 is 1.5: 151 is within, 152 beyond.
	assert!(!beyond_tolerance(151, 150, tolerance, 0));
	assert!(beyond_tolerance(152, 150, tolerance, 0));
	assert!(beyond_tolerance(1, 0, tolerance, 0));
	assert!(!beyond_tolerance(i128::MAX, i128::MAX, tolerance, 0));
	// Near zero the floor decides: within 5 units of a reference of 3 (or -2) is accepted.
	assert!(!beyond_tolerance(8, 3, tolerance, 5));
	assert!(beyond_tolerance(9, 3, tolerance, 5));
	assert!(!beyond_tolerance(3, -2, tolerance, 5));
	assert!(beyond_tolerance(-8, -2, tolerance, 5));
	// Far from zero the relative tolerance decides.
	assert!(!beyond_tolerance(1_010_000, 1_000_000, tolerance, 5));
}

#[test]
fn weights_grow_with_rounds_operators_and_offences() {
	run_test(|| {
		let honest = resolve(&[outcome(0, 1, Some(PRICE), vec![answer(1, PRICE, 10)], vec![])]);
		let two = resolve(&[
			outcome(0, 2, Some(PRICE), vec![answer(1, PRICE, 10)], vec![]),
			outcome(1, 2, Some(PRICE), vec![answer(1, PRICE, 10)], vec![]),
		]);
		// Rounds cost time; the proof of the states they touch is one value, read once.
		assert!(two.ref_time() > honest.ref_time() && two.proof_size() >= honest.proof_size());
		let lying = resolve(&[outcome(0, 3, Some(PRICE), vec![answer(1, PRICE * 2, 10)], vec![])]);
		assert!(lying.all_gt(honest));
	});
}

/// A small seeded generator (xorshift64*), so that the property test is reproducible.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
}

/// 10,000 random rounds: 4 to 31 operators, fewer than a third arbitrary liars, honest values
/// within a third of the tolerance of a true price, random misses, and a round that resolves
/// only with a two-thirds quorum. The median resolved by the aggregation pallet's own code
/// stays within the honest values; exactly the submissions beyond tolerance that fewer than
/// `f + 1` answers agree with are recorded and reported, never an honest one; every record
/// adds up; at each session end exactly the operators judged (with at least
/// `MIN_JUDGED_ROUNDS` rounds since their last judgement) and beyond their allowance and its
/// margin are reported, and exactly the others' short tallies are carried.
#[test]
fn ten_thousand_random_rounds_judge_liars_and_only_liars() {
	run_test(|| {
		let mut rng = Rng(0x05ee_d0f0_ac1e);
		let all: Vec<u64> = (1..=MAX_OPERATORS as u64).collect();
		set_validators(&all);
		let tolerance = DEFAULT_TERMS.deviation_tolerance;
		let mut session = 3u32;
		// Per operator: (assigned, missed) since its last judgement.
		let mut expected_tally = std::collections::BTreeMap::<u64, (u64, u64)>::new();
		let min = u64::from(MIN_JUDGED_ROUNDS);
		// The allowance (20 % a round), three standard deviations (√(0.16 per round), rounded
		// up) and the floor, in millionths of a round.
		let tolerated = |assigned: u64| -> u128 {
			let variance = u128::from(assigned) * 160_000_000_000;
			let mut root = (variance as f64).sqrt() as u128;
			while root * root < variance {
				root += 1;
			}
			while root > 0 && (root - 1) * (root - 1) >= variance {
				root -= 1;
			}
			u128::from(assigned) * 200_000 + 3 * root + u128::from(MISS_FLOOR) * 1_000_000
		};
		let (mut resolved, mut liars_reported, mut judged) = (0u32, 0u32, 0usize);
		for round in 1..=10_000u32 {
			let feed_id = round % 2;
			let n = 4 + rng.below(28) as usize;
			let operators = &all[..n];
			let liars = rng.below(((n - 1) / 3 + 1) as u64) as usize;
			let truth: Value = 1_000 + i128::from(rng.below(1_000_000_000_000));
			let spread = tolerance.mul_floor(truth.unsigned_abs()) / 3;
			let mut answers = Vec::new();
			let mut missing = Vec::new();
			let mut honest_values = Vec::new();
			for (i, &operator) in operators.iter().enumerate() {
				let liar = i < liars;
				if rng.chance(if liar { 20 } else { 10 }) {
					missing.push(operator);
					continue;
				}
				let value = if liar {
					match rng.below(3) {
						// Anywhere from zero to three times the price.
						0 => i128::from(rng.below(3 * truth as u64 + 1)),
						// Close, possibly within tolerance.
						1 => {
							truth + i128::from(rng.below(4 * spread as u64 + 1))
								- 2 * spread as i128
						},
						// Extreme.
						_ => i128::MAX / 4,
					}
				} else {
					let v = truth + i128::from(rng.below(2 * spread as u64 + 1)) - spread as i128;
					honest_values.push(v);
					v
				};
				answers.push(answer(operator, value, 10 + rng.below(4)));
			}
			let quorum = 2 * ((n - 1) / 3) + 1;
			let value = if answers.len() >= quorum {
				let mut values: Vec<Value> = answers.iter().map(|a| a.value).collect();
				median(&mut values)
			} else {
				None
			};
			if let Some(value) = value {
				resolved += 1;
				let low = *honest_values.iter().min().unwrap();
				let high = *honest_values.iter().max().unwrap();
				assert!(low <= value && value <= high, "round {round}: median outside honest");
			}
			for &operator in operators {
				let entry = expected_tally.entry(operator).or_default();
				entry.0 += 1;
				entry.1 += u64::from(missing.contains(&operator));
			}

			let faults = (n as u32 - 1) / 3;
			let mut closed = outcome(feed_id, round, value, answers.clone(), missing.clone());
			closed.faults = faults;
			resolve(&[closed]);

			let record = Records::<Test>::get(feed_id, round).unwrap();
			let offences = take_offences();
			let beyond: Vec<u64> = match value {
				Some(value) => answers
					.iter()
					.filter(|a| beyond_tolerance(a.value, value, tolerance, 0))
					// Unless `f + 1` answers (itself included) are within tolerance of it.
					.filter(|a| {
						answers
							.iter()
							.filter(|other| !beyond_tolerance(other.value, a.value, tolerance, 0))
							.count() <= faults as usize
					})
					.map(|a| a.operator)
					.collect(),
				None => vec![],
			};
			assert!(beyond.iter().all(|o| operators[..liars].contains(o)), "honest judged");
			let recorded: Vec<u64> = record.out_of_tolerance.iter().map(|o| o.operator).collect();
			assert_eq!(recorded, beyond, "round {round}");
			assert_eq!(offences.iter().map(|o| o.offender).collect::<Vec<_>>(), beyond);
			liars_reported += beyond.len() as u32;
			assert_eq!(record.expected as usize, n);
			assert_eq!(record.submitted as usize, answers.len());
			assert_eq!(record.missing.len(), missing.len());
			if value.is_some() {
				assert_eq!(record.accepted as usize + beyond.len(), answers.len());
			}

			if round % 200 == 0 {
				OracleSla::end_session(session);
				let mut reported: Vec<u64> = take_offences().iter().map(|o| o.offender).collect();
				reported.sort();
				let expected: Vec<u64> = expected_tally
					.iter()
					.filter(|(_, (assigned, missed))| {
						*assigned >= min && u128::from(*missed) * 1_000_000 > tolerated(*assigned)
					})
					.map(|(operator, _)| *operator)
					.collect();
				assert_eq!(reported, expected, "session {session}");
				judged += expected_tally.values().filter(|(assigned, _)| *assigned >= min).count();
				expected_tally.retain(|_, (assigned, _)| *assigned < min);
				let carried: std::collections::BTreeMap<_, _> = SessionTally::<Test>::get()
					.iter()
					.map(|t| (t.operator, (u64::from(t.assigned), u64::from(t.missed))))
					.collect();
				assert_eq!(carried, expected_tally, "session {session}");
				session += 1;
				set_session(session);
				crate::Pallet::<Test>::do_try_state().unwrap();
			}
		}
		assert!(resolved > 5_000, "{resolved} rounds resolved");
		assert!(liars_reported > 1_000, "{liars_reported} liars reported");
		assert!(judged > 500, "{judged} tallies judged");
		for operator in &all {
			let stats = Stats::<Test>::get(operator).unwrap();
			assert!(stats.score() <= Permill::one());
		}
	});
}

/// The statistical margin measured: 10,000 judgements of `MIN_JUDGED_ROUNDS` rounds each, in
/// which operator 1 misses every round independently with probability 20 %, exactly its
/// allowed rate, and operator 2 with probability 60 %. The first is reported in at most 0.5 %
/// of the judgements (binomially 0.09 %; the normal approximation of the 3σ margin alone gives
/// 0.13 %), the second in at least 99 % (binomially 99.86 %).
#[test]
fn the_three_sigma_margin_rarely_reports_the_allowed_rate_and_almost_always_three_times_it() {
	run_test(|| {
		let judgements = 10_000u32;
		let terms = DEFAULT_TERMS;
		let mut rng = Rng(0x3519_5eed_c0ff_ee01);
		let mut reported = [0u32; 2];
		for judgement in 0..judgements {
			let session = 3 + judgement;
			set_session(session);
			let mut tallies = SessionTally::<Test>::get();
			for _ in 0..MIN_JUDGED_ROUNDS {
				OracleSla::tally(&mut tallies, &1, &terms, rng.below(1_000_000) < 200_000);
				OracleSla::tally(&mut tallies, &2, &terms, rng.below(1_000_000) < 600_000);
			}
			SessionTally::<Test>::put(tallies);
			System::reset_events();
			OracleSla::end_session(session);
			for offence in take_offences() {
				assert_eq!(offence.session, session);
				reported[offence.offender as usize - 1] += 1;
			}
			assert!(SessionTally::<Test>::get().is_empty(), "every tally is judged");
		}
		let rate = |count: u32| f64::from(count) * 100.0 / f64::from(judgements);
		println!(
			"reported in {:.2} % of judgements at the allowed rate, {:.2} % at three times it",
			rate(reported[0]),
			rate(reported[1]),
		);
		assert!(reported[0] * 200 <= judgements, "{} false reports", reported[0]);
		assert!(reported[1] * 100 >= judgements * 99, "{} true reports", reported[1]);
	});
}

/// Operators pending in a round's grace period are neither missing nor answered when it
/// closes: the record lists them as not answered, and nothing is counted against them until
/// the period ends. Then one that answered during it was there (not late, as colluding
/// authors may have kept its answer out; not rewarded, its value not judged) and one that did
/// not is missing.
#[test]
fn pending_operators_are_judged_when_the_grace_period_ends() {
	run_test(|| {
		let mut round =
			outcome(0, 1, Some(PRICE), vec![answer(1, PRICE, 10), answer(2, PRICE, 10)], vec![]);
		round.pending = vec![3, 4];
		resolve(&[round]);
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!(record.missing.to_vec(), vec![3, 4]);
		assert_eq!((record.expected, record.submitted), (4, 2));
		assert!(Stats::<Test>::get(3).is_none());
		assert!(tally_of(3).is_none() && tally_of(4).is_none());

		let grace = GraceOutcome {
			feed_id: 0,
			round_id: 1,
			late: vec![(3, 14)],
			missing: vec![4],
			unjudged: vec![],
		};
		<OracleSla as OnRoundResolved<u64, u64>>::on_graces_over(&[grace]);
		// There, but after the round closed: neither late nor rewarded, its value unjudged.
		let there = Stats::<Test>::get(3).unwrap();
		assert_eq!((there.assigned, there.submitted, there.late, there.missed), (1, 1, 0, 0));
		assert_eq!((there.reward_points, there.out_of_tolerance), (0, 0));
		let missing = Stats::<Test>::get(4).unwrap();
		assert_eq!((missing.assigned, missing.submitted, missing.missed), (1, 0, 1));
		assert_eq!((tally_of(3).unwrap().assigned, tally_of(3).unwrap().missed), (1, 0));
		assert_eq!((tally_of(4).unwrap().assigned, tally_of(4).unwrap().missed), (1, 1));
		let record = Records::<Test>::get(0, 1).unwrap();
		assert_eq!(record.missing.to_vec(), vec![4]);
		assert_eq!((record.expected, record.submitted, record.late), (4, 3, 0));
		assert_eq!(events().last(), Some(&Event::SlaPublished { record }));
		assert!(take_offences().is_empty());
	});
}

/// The binary-search count of answers agreeing with a value is the count of those not beyond
/// tolerance of it, for values spread near each other, near zero and at `i128`'s ends.
#[test]
fn agreeing_answers_are_counted_as_beyond_tolerance_defines() {
	let mut seed: u64 = 0x5eed;
	let mut next = move || {
		seed = seed
			.wrapping_mul(6_364_136_223_846_793_005)
			.wrapping_add(1_442_695_040_888_963_407);
		seed >> 11
	};
	for case in 0..2_000u32 {
		let centre: i128 = match case % 4 {
			0 => 1_000_000,
			1 => 0,
			2 => i128::MAX - 1_000,
			_ => i128::MIN + 1_000,
		};
		let spread = 1 + (next() % 40_000) as i128;
		let mut values: Vec<Value> = (0..1 + next() % 31)
			.map(|_| centre.saturating_add((next() as i128 % (2 * spread)) - spread))
			.collect();
		values.sort_unstable();
		let tolerance = Permill::from_parts((next() % 50_000) as u32);
		let floor = u128::from(next() % 3 * 500);
		for reference in values.iter().copied().chain([centre, centre.saturating_add(spread)]) {
			let naive = values
				.iter()
				.filter(|v| !beyond_tolerance(**v, reference, tolerance, floor))
				.count();
			assert_eq!(
				crate::types::within_tolerance_count(&values, reference, tolerance, floor),
				naive,
				"{values:?} around {reference} within {tolerance:?} or {floor}",
			);
		}
	}
}
