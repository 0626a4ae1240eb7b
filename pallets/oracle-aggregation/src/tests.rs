use crate::{mock::*, Operators};
use frame_support::traits::OneSessionHandler;
use sp_runtime::{testing::UintAuthorityId, BuildStorage};

fn session(validators: &[(u64, u64)]) -> Vec<(u64, UintAuthorityId)> {
	validators
		.iter()
		.map(|(account, key)| (*account, UintAuthorityId(*key)))
		.collect()
}

#[test]
fn genesis_session_stores_operators_and_keys() {
	new_test_ext().execute_with(|| {
		let set = session(&[(1, 11), (2, 12)]);
		OracleAggregation::on_genesis_session(handed(&set));
		assert_eq!(Operators::<Test>::get().into_inner(), set);
		assert_eq!(OracleAggregation::operator_of(&UintAuthorityId(12)), Some((1, 2)));
		assert_eq!(OracleAggregation::operator_of(&UintAuthorityId(99)), None);
	});
}

#[test]
fn new_session_replaces_the_operator_set() {
	new_test_ext().execute_with(|| {
		let first = session(&[(1, 11), (2, 12)]);
		OracleAggregation::on_genesis_session(handed(&first));
		let second = session(&[(2, 22), (3, 13)]);
		OracleAggregation::on_new_session(true, handed(&second), handed(&second));
		assert_eq!(Operators::<Test>::get().into_inner(), second);
		// The old key of account 2 no longer identifies an operator; its new one does.
		assert_eq!(OracleAggregation::operator_of(&UintAuthorityId(12)), None);
		assert_eq!(OracleAggregation::operator_of(&UintAuthorityId(22)), Some((0, 2)));
	});
}

#[test]
fn operator_set_is_cut_to_max_operators() {
	new_test_ext().execute_with(|| {
		let accounts: Vec<(u64, u64)> =
			(1..=u64::from(MAX_OPERATORS) + 2).map(|a| (a, 100 + a)).collect();
		let set = session(&accounts);
		OracleAggregation::on_new_session(true, handed(&set), handed(&set));
		let stored = Operators::<Test>::get();
		assert_eq!(stored.len() as u32, MAX_OPERATORS);
		assert_eq!(stored.into_inner(), set[..MAX_OPERATORS as usize].to_vec());
		let last = 100 + u64::from(MAX_OPERATORS) + 2;
		assert_eq!(OracleAggregation::operator_of(&UintAuthorityId(last)), None);
	});
}

#[test]
fn empty_session_clears_the_operator_set() {
	new_test_ext().execute_with(|| {
		let set = session(&[(1, 11)]);
		OracleAggregation::on_genesis_session(handed(&set));
		OracleAggregation::on_new_session(true, core::iter::empty(), core::iter::empty());
		assert!(Operators::<Test>::get().is_empty());
	});
}

#[test]
fn oracle_key_type_is_orcl_and_sr25519() {
	use sp_runtime::RuntimeAppPublic;
	assert_eq!(&crate::KEY_TYPE.0, b"orcl");
	assert_eq!(<crate::OracleId as RuntimeAppPublic>::ID, crate::KEY_TYPE);
	assert_eq!(
		<crate::OracleId as sp_application_crypto::AppCrypto>::CRYPTO_ID,
		sp_core::sr25519::CRYPTO_ID
	);
}

mod feeds {
	use super::*;
	use crate::mock::{
		bounded, feed_config, next_block, set_operators, submit, Config, RuntimeOrigin,
		MAX_OPERATORS,
	};
	use crate::{feed_config::*, types::*, Error, Event, Feeds, Rounds, States, Submissions};
	use frame_support::{assert_noop, assert_ok};
	use sp_runtime::DispatchError;

	fn create() -> FeedId {
		let id = crate::NextFeedId::<Test>::get();
		assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config()));
		id
	}

	#[test]
	fn create_feed_assigns_ids_and_starts_active() {
		new_test_ext().execute_with(|| {
			assert_eq!(create(), 0);
			assert_eq!(create(), 1);
			System::assert_has_event(
				Event::FeedCreated { feed_id: 1, name: bounded("BTC/USD") }.into(),
			);
			assert_eq!(States::<Test>::get().len(), 2);
			let state = OracleAggregation::state(1).unwrap();
			assert_eq!(state.status, FeedStatus::Active);
			assert_eq!(state.latest_round, 0);
			assert_eq!(state.params, feed_config().round_params());
			assert_eq!(Feeds::<Test>::get(1), Some(feed_config()));
		});
	}

	#[test]
	fn create_feed_refuses_bad_origins_and_configs() {
		new_test_ext().execute_with(|| {
			assert_noop!(
				OracleAggregation::create_feed(RuntimeOrigin::signed(1), feed_config()),
				DispatchError::BadOrigin
			);
			type Case = (fn(&mut Config), Error<Test>);
			let cases: Vec<Case> = vec![
				(|c| c.name = bounded(""), Error::InvalidConfig(ConfigError::EmptyName)),
				(|c| c.decimals = 19, Error::InvalidConfig(ConfigError::TooManyDecimals)),
				(|c| c.sources = Default::default(), Error::InvalidConfig(ConfigError::NoSources)),
				(
					|c| c.sources[1].name = bounded("binance"),
					Error::InvalidConfig(ConfigError::DuplicateSourceName),
				),
				(
					|c| c.sources[0].url = bounded("ftp://x/y"),
					Error::InvalidConfig(ConfigError::BadUrl),
				),
				(
					|c| c.sources[0].json_path = bounded("a..b"),
					Error::InvalidConfig(ConfigError::BadJsonPath),
				),
				(|c| c.sources[0].weight = 0, Error::InvalidConfig(ConfigError::ZeroWeight)),
				(
					|c| c.sources[0].transform.shift = 40,
					Error::InvalidConfig(ConfigError::BadShift),
				),
				(
					|c| {
						c.sources[0].api_key =
							Some(ApiKey { header: bounded(""), secret: bounded("s") })
					},
					Error::InvalidConfig(ConfigError::BadApiKey),
				),
				(|c| c.min_sources = 4, Error::InvalidConfig(ConfigError::BadMinSources)),
				(
					|c| c.quorum = MAX_OPERATORS + 1,
					Error::InvalidConfig(ConfigError::ImpossibleQuorum),
				),
				(|c| c.resolution_delay = 5, Error::InvalidConfig(ConfigError::BadRoundTiming)),
				(|c| c.heartbeat = 0, Error::InvalidConfig(ConfigError::ZeroHeartbeat)),
				(|c| c.buffer_len = 5, Error::InvalidConfig(ConfigError::BadBufferLen)),
				(|c| c.min_value = c.max_value, Error::InvalidConfig(ConfigError::BoundsInverted)),
				(|c| c.max_age = 0, Error::InvalidConfig(ConfigError::ZeroMaxAge)),
				(|c| c.max_value = i128::MAX, Error::InvalidConfig(ConfigError::BoundsTooWide)),
			];
			for (break_it, error) in cases {
				let mut config = feed_config();
				break_it(&mut config);
				assert_noop!(OracleAggregation::create_feed(RuntimeOrigin::root(), config), error);
			}
		});
	}

	#[test]
	fn create_feed_stops_at_max_feeds() {
		new_test_ext().execute_with(|| {
			for _ in 0..8 {
				create();
			}
			assert_noop!(
				OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config()),
				Error::<Test>::TooManyFeeds
			);
			// Removing one makes room; ids are never reused.
			assert_ok!(OracleAggregation::remove_feed(RuntimeOrigin::root(), 3));
			assert_eq!(create(), 8);
		});
	}

	#[test]
	fn update_feed_replaces_the_config_and_keeps_rounds() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3]);
			let feed = create();
			assert_noop!(
				OracleAggregation::update_feed(RuntimeOrigin::signed(1), feed, feed_config()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				OracleAggregation::update_feed(RuntimeOrigin::root(), 9, feed_config()),
				Error::<Test>::UnknownFeed
			);
			let mut bad = feed_config();
			bad.quorum = 0;
			assert_noop!(
				OracleAggregation::update_feed(RuntimeOrigin::root(), feed, bad),
				Error::<Test>::InvalidConfig(ConfigError::ImpossibleQuorum)
			);
			resolve_round(feed, 1, [100, 100, 100]);
			let before =
				<OracleAggregation as oracle_primitives::rounds::FeedStates>::fingerprint(feed);
			assert_eq!(before, Some(feed_config().fingerprint()));
			assert_eq!(take_config_changes(), vec![], "refused updates tell nobody");
			let mut config = feed_config();
			config.max_value = 5_000;
			let call = crate::Call::<Test>::update_feed { feed_id: feed, config: config.clone() };
			let charged = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
			assert!(charged.call_weight.all_gte(FEED_UPDATED_WEIGHT), "the hook is charged");
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), feed, config.clone()));
			System::assert_has_event(Event::FeedUpdated { feed_id: feed }.into());
			// The pallets told of the feed learn its new configuration's fingerprint.
			assert_ne!(Some(config.fingerprint()), before);
			assert_eq!(take_config_changes(), vec![(feed, config.fingerprint())]);
			assert_eq!(
				<OracleAggregation as oracle_primitives::rounds::FeedStates>::fingerprint(feed),
				Some(config.fingerprint())
			);
			assert_eq!(
				<OracleAggregation as oracle_primitives::rounds::FeedStates>::fingerprint(9),
				None
			);
			assert_eq!(Feeds::<Test>::get(feed), Some(config));
			let state = OracleAggregation::state(feed).unwrap();
			assert_eq!(state.params.max_value, 5_000);
			assert_eq!(state.latest_round, 1);
			assert!(Rounds::<Test>::contains_key(feed, 1));
		});
	}

	#[test]
	fn a_shorter_buffer_drops_the_oldest_rounds_and_recounts_the_mean() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3]);
			let feed = create();
			for (round, value) in [(1, 100), (2, 200), (3, 600)] {
				resolve_round(feed, round, [value, value, value]);
			}
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().running_mean, 300);
			let mut config = feed_config();
			config.buffer_len = 1;
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), feed, config));
			assert!(!Rounds::<Test>::contains_key(feed, 1));
			assert!(!Rounds::<Test>::contains_key(feed, 2));
			let state = OracleAggregation::state(feed).unwrap();
			assert_eq!((state.buffer_sum, state.buffer_count), (600, 1));
			resolve_round(feed, 4, [700, 700, 700]);
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().running_mean, 700);
		});
	}

	#[test]
	fn set_feed_status_pauses_and_resumes() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3]);
			let feed = create();
			assert_noop!(
				OracleAggregation::set_feed_status(
					RuntimeOrigin::signed(1),
					feed,
					FeedStatus::Paused
				),
				DispatchError::BadOrigin
			);
			assert_noop!(
				OracleAggregation::set_feed_status(RuntimeOrigin::root(), 7, FeedStatus::Paused),
				Error::<Test>::UnknownFeed
			);
			assert_noop!(
				OracleAggregation::set_feed_status(RuntimeOrigin::root(), feed, FeedStatus::Active),
				Error::<Test>::StatusUnchanged
			);
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Paused
			));
			System::assert_has_event(
				Event::FeedStatusChanged { feed_id: feed, status: FeedStatus::Paused }.into(),
			);
			assert_noop!(submit(1, &[(feed, 1, 100)]), Error::<Test>::FeedPaused);
			assert_noop!(
				OracleAggregation::request_round(RuntimeOrigin::signed(1), feed),
				Error::<Test>::FeedPaused
			);
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Active
			));
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			// Those told about feeds (the delivery to other chains) heard both.
			assert_eq!(
				take_status_changes(),
				vec![(feed, Some(FeedStatus::Paused)), (feed, Some(FeedStatus::Active))]
			);
		});
	}

	#[test]
	fn remove_feed_removes_rounds_and_open_values() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3]);
			let feed = create();
			let other = create();
			resolve_round(feed, 1, [100, 100, 100]);
			assert_ok!(submit(1, &[(feed, 2, 100), (other, 1, 5)]));
			assert_noop!(
				OracleAggregation::remove_feed(RuntimeOrigin::signed(1), feed),
				DispatchError::BadOrigin
			);
			assert_noop!(
				OracleAggregation::remove_feed(RuntimeOrigin::root(), 9),
				Error::<Test>::UnknownFeed
			);
			use oracle_primitives::{find, rounds::FeedStates};
			let status = |feed| {
				find(&<OracleAggregation as FeedStates>::statuses(), feed)
					.map(|(_, status)| *status)
			};
			assert_eq!(status(feed), Some(FeedStatus::Active));
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Paused
			));
			assert_eq!(status(feed), Some(FeedStatus::Paused));
			take_status_changes();
			assert_ok!(OracleAggregation::remove_feed(RuntimeOrigin::root(), feed));
			System::assert_has_event(Event::FeedRemoved { feed_id: feed }.into());
			assert_eq!(take_status_changes(), vec![(feed, None)]);
			assert_eq!(status(feed), None);
			assert_eq!(status(other), Some(FeedStatus::Active));
			assert!(OracleAggregation::state(feed).is_none());
			assert!(Feeds::<Test>::get(feed).is_none());
			assert_eq!(Rounds::<Test>::iter_prefix(feed).count(), 0);
			let held: Vec<FeedId> = Submissions::<Test>::get(1).iter().map(|s| s.feed_id).collect();
			assert_eq!(held, vec![other]);
			assert_eq!(States::<Test>::get().len(), 1);
		});
	}

	/// All three operators submit `values` for `round` and the round resolves next block.
	pub(super) fn resolve_round(feed: FeedId, round: RoundId, values: [Value; 3]) {
		for (operator, value) in [1, 2, 3].into_iter().zip(values) {
			assert_ok!(submit(operator, &[(feed, round, value)]));
		}
		next_block();
		assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, round);
	}
}

mod rounds {
	use super::feeds::resolve_round;
	use crate::{mock::*, types::*, Error, Event, NextCheck, ReadError, Rounds, Submissions};
	use frame_support::{assert_noop, assert_ok};
	use oracle_primitives::rounds::Answer;
	use sp_runtime::testing::UintAuthorityId;

	fn setup() -> FeedId {
		set_operators(&[1, 2, 3]);
		assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config()));
		0
	}

	#[docify::export]
	#[test]
	fn a_reader_gets_a_fresh_value_or_the_reason() {
		new_test_ext().execute_with(|| {
			let btc_usd = setup();
			// Nothing resolved yet: no value, not a zero.
			assert_eq!(OracleAggregation::fresh_round(btc_usd), Err(ReadError::NoValue));
			// Operators 1 to 3 answer, and the round resolves at the start of the next block.
			resolve_round(btc_usd, 1, [100, 101, 102]);
			let round = OracleAggregation::fresh_round(btc_usd).expect("resolved just now");
			assert_eq!((round.round_id, round.value), (1, 101));
			// More blocks than the feed's `max_age` (10) later, it is stale: never served.
			System::set_block_number(System::block_number() + 11);
			assert!(matches!(
				OracleAggregation::fresh_round(btc_usd),
				Err(ReadError::Stale { .. })
			));
		});
	}

	fn with(change: impl FnOnce(&mut Config)) -> FeedId {
		set_operators(&[1, 2, 3]);
		let mut config = feed_config();
		change(&mut config);
		let id = crate::NextFeedId::<Test>::get();
		assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		id
	}

	/// Seven operators tolerate `f = 2` liars. Two liars and one honest operator answer in
	/// block 1; the others' workers see the round open in block 2 and their answers land in
	/// block 3. The round must wait for them: it resolves within the honest answers, every
	/// honest answer is on time, and the value answers are judged against is the honest
	/// median. (A round that resolved at its first answer's block + the delay, before those
	/// answers landed, took the liars' value and left the honest answer the odd one out.)
	#[test]
	fn two_liars_answering_first_cannot_steer_the_round() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3, 4, 5, 6, 7]);
			// The presets' quorum, f + 1 = 3 of 7: the chain demands 2f + 1 = 5 anyway.
			let feed = with_operators(|c| c.quorum = 3);
			let lie = 1_000_000;
			assert_ok!(submit(1, &[(feed, 1, lie)]));
			assert_ok!(submit(2, &[(feed, 1, lie)]));
			assert_ok!(submit(3, &[(feed, 1, 10_000)]));
			next_block();
			let open = OracleAggregation::state(feed).unwrap().open.unwrap();
			assert_eq!((open.started_at, open.opened_at), (1, 2));
			next_block();
			assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 0, "closed early");
			let honest = [(3, 10_000), (4, 10_010), (5, 9_990), (6, 10_005), (7, 9_995)];
			for (operator, value) in honest.into_iter().skip(1) {
				assert_ok!(submit(operator, &[(feed, 1, value)]));
			}
			next_block();
			let round = OracleAggregation::latest_round(feed).unwrap();
			let (low, high) = (9_990, 10_010);
			assert!(low <= round.value && round.value <= high, "resolved {}", round.value);
			let outcome = take_outcomes().pop().unwrap();
			let reference = outcome.reference.unwrap();
			assert!(low <= reference && reference <= high);
			assert_eq!(outcome.opened_at, 2);
			assert!(outcome.missing.is_empty());
			for answer in outcome.answers.iter().filter(|a| a.operator >= 3) {
				// On time: one block after the round opened.
				assert!(answer.at.saturating_sub(outcome.opened_at) <= 1);
				// Within 1 % of the reference.
				assert!(answer.value.abs_diff(reference) * 100 <= reference.unsigned_abs());
			}
		});
	}

	/// With fewer than `2f + 1` in-bounds answers a round gets no value, whatever the feed's
	/// quorum: the three early answers of the attack above, two of them lies, time out.
	#[test]
	fn fewer_than_two_f_plus_one_answers_time_out() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3, 4, 5, 6, 7]);
			let feed = with_operators(|c| c.quorum = 3);
			assert_eq!(OracleAggregation::fault_tolerance(7), (2, 5));
			assert_ok!(submit(1, &[(feed, 1, 1_000_000)]));
			assert_ok!(submit(2, &[(feed, 1, 1_000_000)]));
			assert_ok!(submit(3, &[(feed, 1, 10_000)]));
			// Opened at block 2, times out after round_timeout (5) blocks, at 8.
			run_to(7);
			assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 0);
			next_block();
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert!(!round.resolved());
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!((outcome.value, outcome.reference), (None, None));
			assert_eq!(outcome.missing, vec![4, 5, 6, 7]);
		});
	}

	/// A `Mean` feed trims `f` answers at each end: one liar of four at `max_value` cannot pull
	/// the value out of the honest answers.
	#[test]
	fn a_liar_at_the_bound_cannot_pull_a_mean_feed() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3, 4]);
			let feed = with_operators(|c| c.aggregation = Aggregation::Mean);
			let max = feed_config().max_value;
			for (operator, value) in [(1, max), (2, 10_000), (3, 10_020), (4, 10_010)] {
				assert_ok!(submit(operator, &[(feed, 1, value)]));
			}
			next_block();
			// Without the lowest (10_000) and the highest (the lie): mean of 10_010 and 10_020.
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().value, 10_015);
			assert_eq!(take_outcomes().pop().unwrap().reference, Some(10_015));
		});
	}

	/// One operator tries to open a round in every block, claiming a 5 % move, while the
	/// price holds and the three honest operators answer only rounds that are open. Without a
	/// paid request or `f + 1` operators seeing the move, the feed gets no more rounds than its
	/// heartbeat allows: at most one per 10 blocks.
	#[test]
	fn one_operator_cannot_open_rounds_faster_than_the_heartbeat() {
		new_test_ext().execute_with(|| {
			set_operators(&[1, 2, 3, 4]);
			let feed = with_operators(|_| {});
			let blocks = 200u32;
			for _ in 0..blocks {
				let state = OracleAggregation::state(feed).unwrap();
				let round = state.latest_round + 1;
				let _ = submit(1, &[(feed, round, 10_500)]);
				if state.open.is_some() || state.answer.round_id == 0 {
					for honest in [2, 3, 4] {
						let _ = submit(honest, &[(feed, round, 10_000)]);
					}
				}
				next_block();
			}
			let rounds = OracleAggregation::state(feed).unwrap().latest_round;
			assert!(rounds <= blocks / 10 + 1, "{rounds} rounds in {blocks} blocks");
			assert!(rounds >= blocks / 20, "heartbeat rounds still run: {rounds}");
			// Every round resolved to the honest value.
			for round_id in rounds.saturating_sub(2)..=rounds {
				assert_eq!(Rounds::<Test>::get(feed, round_id).map(|r| r.value), Some(10_000));
			}
		});
	}

	/// Four operators resolve round 1 of a new feed at 10,000.
	fn four_operators_resolve_round_1() -> FeedId {
		set_operators(&[1, 2, 3, 4]);
		let feed = with_operators(|_| {});
		for operator in [1, 2, 3, 4] {
			assert_ok!(submit(operator, &[(feed, 1, 10_000)]));
		}
		next_block();
		assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 1);
		feed
	}

	/// When the price really moves, `f + 1` operators see it and the round opens before the
	/// heartbeat; a lone claim waits, and is dropped after `round_timeout` blocks.
	#[test]
	fn f_plus_one_witnesses_open_a_round_early() {
		new_test_ext().execute_with(|| {
			let feed = four_operators_resolve_round_1();
			// One claim of a 2 % move (threshold 1 %): the round does not open.
			assert_ok!(submit(1, &[(feed, 2, 10_200)]));
			next_block();
			assert!(OracleAggregation::state(feed).unwrap().open.is_none());
			// Unconfirmed for round_timeout (5) blocks: dropped, without a trace.
			run_to(System::block_number() + 5);
			assert!(Submissions::<Test>::get(1).is_empty());
			assert!(OracleAggregation::state(feed).unwrap().open.is_none());
			// Two operators see the move: it opens at once, and resolves with the others.
			assert_ok!(submit(1, &[(feed, 2, 10_200)]));
			assert_ok!(submit(2, &[(feed, 2, 10_210)]));
			next_block();
			let opened = OracleAggregation::state(feed).unwrap().open.unwrap();
			assert_eq!(opened.opened_at, System::block_number());
			assert_ok!(submit(3, &[(feed, 2, 10_190)]));
			assert_ok!(submit(4, &[(feed, 2, 10_205)]));
			next_block();
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().value, 10_202);
		});
	}

	/// An answer that waited for its round longer than the shortest answer window (2 blocks)
	/// is dropped when the round opens: the answers a round counts were fetched within about
	/// one window of the others, so none frozen while the market moved is judged against later
	/// prices. Its operator answers again. (A waiting answer used to count, however old.)
	#[test]
	fn answers_fetched_long_before_a_round_opened_do_not_count() {
		new_test_ext().execute_with(|| {
			let feed = four_operators_resolve_round_1();
			let resolved_at = OracleAggregation::latest_round(feed).unwrap().updated_at;
			// Operator 1 saw a 10 % dip long before round 2 is due: one witness, it waits.
			run_to(10);
			assert_ok!(submit(1, &[(feed, 2, 9_000)]));
			// Operator 2 answers just before the heartbeat opens the round.
			let opens_at = resolved_at + 10 + 1;
			run_to(opens_at - 1);
			assert_ok!(submit(2, &[(feed, 2, 10_010)]));
			next_block();
			let open = OracleAggregation::state(feed).unwrap().open.unwrap();
			assert_eq!(open.opened_at, opens_at);
			assert!(Submissions::<Test>::get(1).is_empty());
			assert_eq!(Submissions::<Test>::get(2).len(), 1);
			for (operator, value) in [(1, 10_020), (3, 9_990), (4, 10_000)] {
				assert_ok!(submit(operator, &[(feed, 2, value)]));
			}
			next_block();
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert_eq!((round.round_id, round.value, round.submissions), (2, 10_005, 4));
		});
	}

	/// Creates a feed changed by `change` with the session's operators as they are.
	fn with_operators(change: impl FnOnce(&mut Config)) -> FeedId {
		let mut config = feed_config();
		change(&mut config);
		let id = crate::NextFeedId::<Test>::get();
		assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		id
	}

	#[test]
	fn submit_refuses_bad_reports_with_typed_errors() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			let paused = with(|_| {});
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				paused,
				FeedStatus::Paused
			));
			assert_noop!(submit(4, &[(feed, 1, 100)]), Error::<Test>::NotOperator);
			assert_noop!(submit(1, &[]), Error::<Test>::EmptyReport);
			assert_noop!(submit(1, &[(paused, 1, 1), (feed, 1, 1)]), Error::<Test>::UnsortedReport);
			assert_noop!(submit(1, &[(feed, 1, 1), (feed, 1, 1)]), Error::<Test>::UnsortedReport);
			assert_noop!(submit(1, &[(7, 1, 100)]), Error::<Test>::UnknownFeed);
			assert_noop!(submit(1, &[(paused, 1, 100)]), Error::<Test>::FeedPaused);
			assert_noop!(submit(1, &[(feed, 2, 100)]), Error::<Test>::FutureRound);
			assert_noop!(submit(1, &[(feed, 0, 100)]), Error::<Test>::StaleRound);
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			assert_noop!(submit(1, &[(feed, 1, 101)]), Error::<Test>::AlreadySubmitted);
			// Unsigned only.
			let report = report(1, &[(feed, 1, 100)]);
			let signature = sign(&report);
			assert_noop!(
				OracleAggregation::submit(RuntimeOrigin::signed(1), report, signature),
				sp_runtime::DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_report_records_its_valid_values_and_counts_the_rest() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			let other = with(|_| {});
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			// Feed 0's value is a repeat, feed 1's is new, feed 7 does not exist.
			assert_ok!(submit(1, &[(feed, 1, 100), (other, 1, 0), (7, 1, 1)]));
			System::assert_last_event(
				Event::Reported {
					operator: 1,
					accepted: 0,
					out_of_bounds: 1,
					committed: 0,
					ignored: 2,
				}
				.into(),
			);
			let held: Vec<_> = Submissions::<Test>::get(1)
				.iter()
				.map(|s| (s.feed_id, s.round_id, s.value()))
				.collect();
			assert_eq!(held, vec![(feed, 1, Some((100, true))), (other, 1, Some((0, false)))]);
			assert_eq!(NextCheck::<Test>::get(), Some(2));
		});
	}

	#[test]
	fn a_round_resolves_by_median_once_every_operator_answered() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			pallet_timestamp::Now::<Test>::put(6_000);
			assert_ok!(submit(1, &[(feed, 1, 300)]));
			assert_ok!(submit(2, &[(feed, 1, 100)]));
			assert_ok!(submit(3, &[(feed, 1, 200)]));
			assert!(OracleAggregation::state(feed).unwrap().open.is_none());
			next_block();
			System::assert_has_event(
				Event::RoundResolved {
					feed_id: feed,
					round_id: 1,
					value: 200,
					running_mean: 200,
					submissions: 3,
				}
				.into(),
			);
			let round = Rounds::<Test>::get(feed, 1).unwrap();
			assert_eq!(
				round,
				RoundData {
					round_id: 1,
					value: 200,
					running_mean: 200,
					started_at: 1,
					updated_at: 2,
					updated_at_ms: 6_000,
					answered_in_round: 1,
					submissions: 3,
					out_of_bounds: 0,
				}
			);
			assert_eq!(OracleAggregation::fresh_round(feed), Ok(round));
			assert!(Submissions::<Test>::iter().next().is_none());
			assert_eq!(NextCheck::<Test>::get(), None);
			let outcomes = take_outcomes();
			assert_eq!(outcomes.len(), 1);
			assert_eq!(outcomes[0].value, Some(200));
			assert_eq!(
				outcomes[0].answers,
				vec![
					Answer { operator: 1, value: 300, at: 1, in_bounds: true },
					Answer { operator: 2, value: 100, at: 1, in_bounds: true },
					Answer { operator: 3, value: 200, at: 1, in_bounds: true },
				]
			);
			assert!(outcomes[0].missing.is_empty());
		});
	}

	#[test]
	fn with_quorum_a_round_resolves_at_the_resolution_delay_without_everyone() {
		new_test_ext().execute_with(|| {
			let feed = with(|c| c.aggregation = Aggregation::Mean);
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			// Block 2: the round opens to everyone; one submission, no quorum; it is open until
			// its timeout, after the 5 blocks 3 to 7 in which answers can land.
			next_block();
			let open = OracleAggregation::state(feed).unwrap().open.unwrap();
			assert_eq!(
				open,
				OpenRound {
					round_id: 1,
					started_at: 1,
					opened_at: 2,
					submissions: 1,
					reveal_from: None
				}
			);
			assert_eq!(NextCheck::<Test>::get(), Some(8));
			assert_ok!(submit(2, &[(feed, 1, 201)]));
			// The new submission brings the check forward to block 3, where the quorum is met;
			// the window is blocks 3 and 4, so it resolves at 5 without operator 3.
			assert_eq!(NextCheck::<Test>::get(), Some(3));
			next_block();
			assert_eq!(NextCheck::<Test>::get(), Some(5));
			run_to(4);
			assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 0);
			next_block();
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert_eq!((round.round_id, round.value, round.updated_at), (1, 150, 5));
			assert_eq!(take_outcomes().pop().unwrap().missing, vec![3]);
		});
	}

	#[test]
	fn mean_resolution_after_the_delay_and_even_median() {
		new_test_ext().execute_with(|| {
			let mean = with(|c| {
				c.aggregation = Aggregation::Mean;
				c.resolution_delay = 3;
			});
			let median = with(|c| c.resolution_delay = 3);
			assert_ok!(submit(1, &[(mean, 1, 100), (median, 1, 100)]));
			assert_ok!(submit(2, &[(mean, 1, 201), (median, 1, 201)]));
			// Open to everyone at 2: the window of 3 is blocks 3 to 5; it resolves at 6.
			run_to(5);
			assert_eq!(OracleAggregation::state(mean).unwrap().latest_round, 0);
			run_to(6);
			let mean_round = OracleAggregation::latest_round(mean).unwrap();
			let median_round = OracleAggregation::latest_round(median).unwrap();
			// (100 + 201) / 2 = 150.5 toward -inf, for both.
			assert_eq!((mean_round.value, median_round.value), (150, 150));
			assert_eq!(mean_round.updated_at, 6);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.missing, vec![3]);
		});
	}

	#[test]
	fn a_round_without_quorum_times_out_and_keeps_the_last_value() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			resolve_round(feed, 1, [100, 110, 120]);
			assert_ok!(submit(1, &[(feed, 2, 500)]));
			// Started at block 2, open to everyone at 3, times out after blocks 4 to 8.
			run_to(8);
			assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 1);
			run_to(9);
			System::assert_has_event(
				Event::RoundTimedOut { feed_id: feed, round_id: 2, submissions: 1 }.into(),
			);
			let round = Rounds::<Test>::get(feed, 2).unwrap();
			assert_eq!((round.value, round.answered_in_round, round.updated_at), (110, 1, 2));
			assert!(!round.resolved());
			// With three operators (`f = 0`) one answer that moved is a dispute: round 1's
			// value is not served while nobody confirms it.
			assert_eq!(OracleAggregation::fresh_round(feed), Err(ReadError::Disputed));
			assert!(crate::Latest::<Test>::get(feed).unwrap().disputed);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.value, None);
			assert_eq!(outcome.missing, vec![2, 3]);
			// The next round is 3.
			assert_noop!(submit(2, &[(feed, 2, 100)]), Error::<Test>::StaleRound);
			assert_ok!(submit(2, &[(feed, 3, 100)]));
		});
	}

	#[test]
	fn the_first_round_timing_out_leaves_no_value() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			assert_ok!(submit(1, &[(feed, 1, 500)]));
			// Open to everyone at 2, timed out after blocks 3 to 7.
			run_to(8);
			let round = Rounds::<Test>::get(feed, 1).unwrap();
			assert_eq!((round.value, round.answered_in_round), (0, 0));
			assert_eq!(OracleAggregation::fresh_round(feed), Err(ReadError::NoValue));
		});
	}

	#[test]
	fn the_running_mean_covers_the_last_buffer_len_rounds() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			resolve_round(feed, 1, [100, 100, 100]);
			resolve_round(feed, 2, [200, 200, 200]);
			resolve_round(feed, 3, [300, 300, 300]);
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().running_mean, 200);
			resolve_round(feed, 4, [400, 400, 400]);
			// Round 1 left the buffer of 3.
			assert!(Rounds::<Test>::get(feed, 1).is_none());
			let latest = OracleAggregation::latest_round(feed).unwrap();
			assert_eq!((latest.value, latest.running_mean), (400, 300));
			System::assert_has_event(
				Event::RoundResolved {
					feed_id: feed,
					round_id: 4,
					value: 400,
					running_mean: 300,
					submissions: 3,
				}
				.into(),
			);
			// A timed-out round takes a slot but adds no value: buffer is rounds 3, 4, 5.
			assert_ok!(submit(1, &[(feed, 5, 1_000)]));
			run_to(System::block_number() + 7);
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().running_mean, 350);
			let state = OracleAggregation::state(feed).unwrap();
			assert_eq!((state.buffer_sum, state.buffer_count), (700, 2));
		});
	}

	#[test]
	fn out_of_bounds_values_are_rejected_and_counted() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			assert_ok!(submit(2, &[(feed, 1, 1_000_000_001)]));
			System::assert_last_event(
				Event::Reported {
					operator: 2,
					accepted: 0,
					out_of_bounds: 1,
					committed: 0,
					ignored: 0,
				}
				.into(),
			);
			assert_ok!(submit(3, &[(feed, 1, 0)]));
			// Everyone answered but only one value is in bounds: no quorum, and no answer can
			// come any more, so the round times out at once.
			next_block();
			let round = Rounds::<Test>::get(feed, 1).unwrap();
			assert_eq!(
				(round.submissions, round.out_of_bounds, round.answered_in_round),
				(3, 2, 0)
			);
			assert_eq!(OracleAggregation::state(feed).unwrap().out_of_bounds, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(
				outcome.answers.iter().map(|a| a.in_bounds).collect::<Vec<_>>(),
				vec![true, false, false]
			);
			// In-bounds values resolve without the outlier: median of 100 and 300.
			assert_ok!(submit(1, &[(feed, 2, 100)]));
			assert_ok!(submit(2, &[(feed, 2, 300)]));
			assert_ok!(submit(3, &[(feed, 2, -5)]));
			next_block();
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().value, 200);
		});
	}

	#[test]
	fn reads_older_than_max_age_are_stale() {
		new_test_ext().execute_with(|| {
			assert_eq!(OracleAggregation::fresh_round(0), Err(ReadError::UnknownFeed));
			let feed = setup();
			assert_eq!(OracleAggregation::fresh_round(feed), Err(ReadError::NoValue));
			resolve_round(feed, 1, [100, 100, 100]);
			let resolved_at = System::block_number();
			use pallet_oracle::{DataProvider, DataProviderExtended};
			assert_eq!(<OracleAggregation as DataProvider<_, _>>::get(&feed), Some(100));
			System::set_block_number(resolved_at + 10);
			assert!(OracleAggregation::fresh_round(feed).is_ok());
			System::set_block_number(resolved_at + 11);
			// Stale by blocks, whatever the clock says.
			assert!(matches!(
				OracleAggregation::fresh_round(feed),
				Err(ReadError::Stale { max_age_ms: 60_000, .. })
			));
			assert_eq!(<OracleAggregation as DataProvider<_, _>>::get(&feed), None);
			let all: Vec<_> = OracleAggregation::get_all_values().collect();
			assert_eq!(all, vec![(feed, None)]);
		});
	}

	/// A stalled chain's next block is one block later but much later in time: the value is
	/// stale by time. A paused feed fails closed at once, whatever its value's age.
	#[test]
	fn reads_go_stale_by_time_and_fail_closed_when_paused() {
		use pallet_oracle::DataProvider;
		new_test_ext().execute_with(|| {
			let feed = setup();
			resolve_round(feed, 1, [100, 100, 100]);
			let resolved_ms = OracleAggregation::latest_round(feed).unwrap().updated_at_ms;
			// max_age 10 blocks at 6 s.
			let max_age_ms = 10 * 6_000;
			System::set_block_number(System::block_number() + 1);
			pallet_timestamp::Now::<Test>::put(resolved_ms + max_age_ms);
			assert!(OracleAggregation::fresh_round(feed).is_ok());
			pallet_timestamp::Now::<Test>::put(resolved_ms + max_age_ms + 1);
			let stale = ReadError::Stale { age_ms: max_age_ms + 1, max_age_ms };
			assert_eq!(OracleAggregation::fresh_round(feed), Err(stale));
			assert_eq!(<OracleAggregation as DataProvider<_, _>>::get(&feed), None);
			assert_eq!(OracleAggregation::feed_fresh_round(feed).map(|r| r.value), Err(stale));

			pallet_timestamp::Now::<Test>::put(resolved_ms + 6_000);
			assert!(OracleAggregation::fresh_round(feed).is_ok());
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Paused
			));
			assert_eq!(OracleAggregation::fresh_round(feed), Err(ReadError::Paused));
			assert_eq!(<OracleAggregation as DataProvider<_, _>>::get(&feed), None);
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Active
			));
			assert!(OracleAggregation::fresh_round(feed).is_ok());
		});
	}

	#[test]
	fn data_provider_extended_lists_fresh_values_with_timestamps() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			pallet_timestamp::Now::<Test>::put(42_000);
			resolve_round(feed, 1, [100, 100, 100]);
			use pallet_oracle::DataProviderExtended;
			let all: Vec<_> = OracleAggregation::get_all_values().collect();
			assert_eq!(
				all,
				vec![(
					feed,
					Some(pallet_oracle::TimestampedValue { value: 100, timestamp: 42_000 })
				)]
			);
		});
	}

	#[test]
	fn request_round_charges_the_fee_and_marks_the_feed() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			assert_noop!(
				OracleAggregation::request_round(RuntimeOrigin::signed(100), 9),
				Error::<Test>::UnknownFeed
			);
			assert_noop!(
				OracleAggregation::request_round(RuntimeOrigin::signed(55), feed),
				sp_runtime::TokenError::FundsUnavailable
			);
			assert_ok!(OracleAggregation::request_round(RuntimeOrigin::signed(100), feed));
			System::assert_last_event(Event::RoundRequested { feed_id: feed, who: 100 }.into());
			assert_eq!(Balances::free_balance(100), 1_000 - REQUEST_FEE);
			assert!(OracleAggregation::state(feed).unwrap().requested);
			assert_noop!(
				OracleAggregation::request_round(RuntimeOrigin::signed(100), feed),
				Error::<Test>::AlreadyRequested
			);
			// Operators answer; while the round is open no request is taken.
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			next_block();
			assert!(OracleAggregation::state(feed).unwrap().open.is_some());
			assert_noop!(
				OracleAggregation::request_round(RuntimeOrigin::signed(3), feed),
				Error::<Test>::RoundAlreadyOpen
			);
			assert_ok!(submit(2, &[(feed, 1, 100)]));
			assert_ok!(submit(3, &[(feed, 1, 100)]));
			next_block();
			let state = OracleAggregation::state(feed).unwrap();
			assert!(!state.requested && state.open.is_none());
		});
	}

	/// Paid requests are limited per block (`MaxRequestsPerBlock`, 2 in the mock), so that
	/// paying cannot make the operators' workers fetch more feeds at once than a run allows;
	/// the limit starts afresh at the next block.
	#[test]
	fn round_requests_are_limited_per_block() {
		new_test_ext().execute_with(|| {
			let feeds: Vec<FeedId> = (0..4)
				.map(|_| {
					assert_ok!(OracleAggregation::create_feed(
						RuntimeOrigin::root(),
						feed_config()
					));
					crate::NextFeedId::<Test>::get() - 1
				})
				.collect();
			let request = |feed| OracleAggregation::request_round(RuntimeOrigin::signed(100), feed);
			assert_ok!(request(feeds[0]));
			assert_ok!(request(feeds[1]));
			assert_noop!(request(feeds[2]), Error::<Test>::TooManyRequests);
			assert_eq!(Balances::free_balance(100), 1_000 - 2 * REQUEST_FEE);
			next_block();
			assert_ok!(request(feeds[2]));
			assert_ok!(request(feeds[3]));
		});
	}

	#[test]
	fn operators_leaving_the_session_lose_their_open_values() {
		new_test_ext().execute_with(|| {
			let feed = setup();
			assert_ok!(submit(3, &[(feed, 1, 100)]));
			set_operators(&[1, 2]);
			assert!(!Submissions::<Test>::contains_key(3));
			assert_noop!(submit(3, &[(feed, 1, 100)]), Error::<Test>::NotOperator);
			// With two operators, both answering resolves at once.
			assert_ok!(submit(1, &[(feed, 1, 100)]));
			assert_ok!(submit(2, &[(feed, 1, 300)]));
			next_block();
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().value, 200);
		});
	}

	mod pool {
		use super::*;
		use frame_support::pallet_prelude::*;
		use sp_runtime::transaction_validity::TransactionSource;

		#[allow(deprecated)]
		fn validate(
			report: crate::ReportOf<Test>,
			signature: sp_runtime::testing::TestSignature,
		) -> TransactionValidity {
			use frame_support::unsigned::ValidateUnsigned;
			OracleAggregation::validate_unsigned(
				TransactionSource::External,
				&crate::Call::submit { report, signature },
			)
		}

		#[test]
		fn the_pool_takes_only_signed_operator_reports_with_something_to_record() {
			new_test_ext().execute_with(|| {
				let feed = setup();
				let good = report(1, &[(feed, 1, 100)]);
				let valid = validate(good.clone(), sign(&good)).unwrap();
				assert_eq!(valid.priority, ReportPriority::get());
				assert_eq!(valid.longevity, 12);
				// Not an operator.
				let stranger = report(4, &[(feed, 1, 100)]);
				assert_eq!(
					validate(stranger.clone(), sign(&stranger)),
					InvalidTransaction::BadSigner.into()
				);
				// Signed by another key.
				let mut forged = good.clone();
				forged.key = UintAuthorityId(12);
				assert_eq!(validate(forged, sign(&good)), InvalidTransaction::BadProof.into());
				// Tampered after signing.
				let mut tampered = good.clone();
				tampered.values[0].answer = ReportAnswer::Value(1);
				assert_eq!(validate(tampered, sign(&good)), InvalidTransaction::BadProof.into());
				// Nothing would be recorded.
				assert_ok!(submit(1, &[(feed, 1, 100)]));
				assert_eq!(validate(good.clone(), sign(&good)), InvalidTransaction::Stale.into());
				let empty = report(2, &[]);
				assert_eq!(validate(empty.clone(), sign(&empty)), InvalidTransaction::Call.into());
				// From the future, or too old.
				let mut future = report(2, &[(feed, 1, 100)]);
				future.at = 2;
				assert_eq!(
					validate(future.clone(), sign(&future)),
					InvalidTransaction::Future.into()
				);
				run_to(
					2 + u64::from(
						<<Test as crate::Config>::ReportLongevity as frame_support::traits::Get<
							u32,
						>>::get(),
					),
				);
				let mut old = report(2, &[(feed, 1, 100)]);
				old.at = 1;
				assert_eq!(validate(old.clone(), sign(&old)), InvalidTransaction::Stale.into());
			});
		}

		/// Staking applies only an operator's largest slash of an era, so after one offence
		/// further lies would be free. Once its offence has disabled it, its reports are refused
		/// in the pool and in blocks, and rounds neither wait for it nor count it as missing.
		#[test]
		fn a_disabled_operator_is_refused_and_not_waited_for() {
			new_test_ext().execute_with(|| {
				let feed = setup();
				assert_eq!(OracleAggregation::operator_of(&key(3)).map(|(i, _)| i), Some(2));
				Disabled::disable(2);
				let refused = report(3, &[(feed, 1, 100)]);
				assert_eq!(
					validate(refused.clone(), sign(&refused)),
					InvalidTransaction::Custom(crate::REFUSED_DISABLED).into()
				);
				assert_noop!(submit(3, &[(feed, 1, 100)]), Error::<Test>::OperatorDisabled);
				// The two others answer; the round closes at once, as when everyone answered.
				assert_ok!(submit(1, &[(feed, 1, 100)]));
				assert_ok!(submit(2, &[(feed, 1, 102)]));
				next_block();
				assert_eq!(OracleAggregation::latest_round(feed).map(|r| r.value), Some(101));
				let outcomes = take_outcomes();
				assert_eq!(outcomes.len(), 1);
				assert!(outcomes[0].missing.is_empty(), "a disabled operator is not missing");
				// A new validator set re-enables it.
				set_operators(&[1, 2, 3]);
				let again = report(3, &[(feed, 2, 100)]);
				assert!(validate(again.clone(), sign(&again)).is_ok());
			});
		}

		/// An operator's key may operate on several chains (a testnet, a fork of this chain).
		/// A report it signed there, however valid there, is refused here.
		#[test]
		#[allow(deprecated)]
		fn a_report_signed_for_another_chain_is_refused() {
			use codec::Encode;
			use sp_runtime::RuntimeAppPublic;
			new_test_ext().execute_with(|| {
				let feed = setup();
				let good = report(1, &[(feed, 1, 100)]);
				assert!(validate(good.clone(), sign(&good)).is_ok());
				// The same report signed with another chain's genesis hash.
				let other_genesis = sp_core::H256::repeat_byte(0xee);
				assert_ne!(other_genesis, System::block_hash(0));
				let elsewhere = good
					.key
					.sign(&(REPORT_CONTEXT, other_genesis, &good).encode())
					.expect("UintAuthorityId signs anything");
				assert_eq!(
					validate(good.clone(), elsewhere.clone()),
					InvalidTransaction::BadProof.into()
				);
				// Signed without a chain at all, as reports once were.
				let unbound = good.key.sign(&(REPORT_CONTEXT, &good).encode()).unwrap();
				assert_eq!(validate(good.clone(), unbound), InvalidTransaction::BadProof.into());
				// Block execution checks the same way, so such a report cannot be put in a block.
				assert_eq!(
					<OracleAggregation as frame_support::unsigned::ValidateUnsigned>::pre_dispatch(
						&crate::Call::submit { report: good, signature: elsewhere }
					),
					Err(InvalidTransaction::BadProof.into())
				);
			});
		}
	}
}

#[test]
fn genesis_creates_the_configured_feeds() {
	use crate::{mock::*, States};
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		host_rules: crate::hosts::HostRules { allow_loopback: true },
		feeds: vec![feed_config(), feed_config()],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(States::<Test>::get().len(), 2);
		assert!(OracleAggregation::state(1).is_some());
		OracleAggregation::do_try_state().unwrap();
	});
}

/// Commit–reveal: values stay hidden until every operator has committed to its own, a reveal
/// must open the operator's own commitment, and a commitment never revealed is a miss.
mod commit_reveal {
	use crate::{mock::*, types::*, Error, Event, Submissions};
	use frame_support::{assert_noop, assert_ok};

	/// A commit–reveal feed: answer windows of 2 blocks for each phase, timeout 5.
	fn create(operators: &[u64]) -> FeedId {
		set_operators(operators);
		let mut config = feed_config();
		config.commit_reveal = true;
		let id = crate::NextFeedId::<Test>::get();
		assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		id
	}

	fn revealing(feed: FeedId) -> Option<bool> {
		crate::Heads::<Test>::get()
			.iter()
			.find(|h| h.feed_id == feed)
			.and_then(|h| h.revealing)
	}

	/// Whether any operator's answer for `feed` carries a value anyone could read.
	fn any_value_visible(feed: FeedId) -> bool {
		Submissions::<Test>::iter_values()
			.flat_map(|values| values.into_inner())
			.any(|s| s.feed_id == feed && s.value().is_some())
	}

	#[test]
	fn a_round_resolves_from_reveals_after_the_commit_window() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3]);
			for (operator, value) in [(1, 100), (2, 300), (3, 200)] {
				assert_ok!(submit_answers(
					operator,
					&[(feed, 1, commit(operator, feed, 1, value))]
				));
			}
			System::assert_last_event(
				Event::Reported {
					operator: 3,
					accepted: 0,
					out_of_bounds: 0,
					committed: 1,
					ignored: 0,
				}
				.into(),
			);
			// Nothing but hashes until the commit phase is over.
			assert!(!any_value_visible(feed));
			assert_eq!(revealing(feed), Some(false));
			next_block();
			// Everyone committed, yet the commit phase runs its whole window (blocks 3 and 4):
			// no committer chooses when reveals open.
			let open = OracleAggregation::state(feed).unwrap().open.unwrap();
			assert_eq!((open.opened_at, open.reveal_from), (2, None));
			run_to(4);
			assert_eq!(revealing(feed), Some(false));
			next_block();
			let open = OracleAggregation::state(feed).unwrap().open.unwrap();
			assert_eq!((open.opened_at, open.reveal_from), (2, Some(5)));
			assert_eq!(revealing(feed), Some(true));
			for (operator, value) in [(1, 100), (2, 300), (3, 200)] {
				assert_ok!(submit_answers(operator, &[(feed, 1, reveal(operator, value))]));
			}
			System::assert_last_event(
				Event::Reported {
					operator: 3,
					accepted: 1,
					out_of_bounds: 0,
					committed: 0,
					ignored: 0,
				}
				.into(),
			);
			// Every commitment revealed: the round closes at the next check.
			next_block();
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert_eq!((round.round_id, round.value, round.submissions), (1, 200, 3));
			let outcome = take_outcomes().pop().unwrap();
			// Latency counts from the opening of the reveals.
			assert_eq!(outcome.opened_at, 5);
			assert!(outcome.answers.iter().all(|a| a.at == 5));
			assert!(outcome.missing.is_empty());
			assert!(Submissions::<Test>::iter().next().is_none());
		});
	}

	#[test]
	fn every_answer_of_the_wrong_kind_or_phase_is_refused() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3, 4]);
			let plain = {
				let id = crate::NextFeedId::<Test>::get();
				assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config()));
				id
			};
			// A plain value, or a reveal, while commitments are collected.
			assert_noop!(submit(1, &[(feed, 1, 100)]), Error::<Test>::ExpectedCommitment);
			assert_noop!(
				submit_answers(1, &[(feed, 1, reveal(1, 100))]),
				Error::<Test>::ExpectedCommitment
			);
			// A commitment or a reveal for a feed without commit–reveal.
			assert_noop!(
				submit_answers(1, &[(plain, 1, commit(1, plain, 1, 100))]),
				Error::<Test>::ExpectedValue
			);
			assert_noop!(
				submit_answers(1, &[(plain, 1, reveal(1, 100))]),
				Error::<Test>::ExpectedValue
			);
			for operator in [1, 2, 3] {
				assert_ok!(submit_answers(operator, &[(feed, 1, commit(operator, feed, 1, 100))]));
			}
			// One commitment per round.
			assert_noop!(
				submit_answers(1, &[(feed, 1, commit(1, feed, 1, 101))]),
				Error::<Test>::AlreadySubmitted
			);
			// Operator 4 does not commit: the commit phase runs its window (blocks 3 and 4).
			run_to(4);
			assert_eq!(revealing(feed), Some(false));
			next_block();
			assert_eq!(revealing(feed), Some(true));
			// Too late to commit.
			assert_noop!(
				submit_answers(4, &[(feed, 1, commit(4, feed, 1, 100))]),
				Error::<Test>::ExpectedReveal
			);
			assert_noop!(submit(4, &[(feed, 1, 100)]), Error::<Test>::ExpectedReveal);
			// Nothing to reveal without a commitment.
			assert_noop!(
				submit_answers(4, &[(feed, 1, reveal(4, 100))]),
				Error::<Test>::NotCommitted
			);
			// Another value, or another salt, than the commitment's.
			assert_noop!(
				submit_answers(1, &[(feed, 1, reveal(1, 101))]),
				Error::<Test>::RevealMismatch
			);
			assert_noop!(
				submit_answers(1, &[(feed, 1, ReportAnswer::Reveal { value: 100, salt: salt(9) })]),
				Error::<Test>::RevealMismatch
			);
			assert_ok!(submit_answers(1, &[(feed, 1, reveal(1, 100))]));
			// One reveal per round.
			assert_noop!(
				submit_answers(1, &[(feed, 1, reveal(1, 100))]),
				Error::<Test>::AlreadySubmitted
			);
			// Every commitment revealed: the round closes at the next check (block 6), and a
			// reveal after it is for a closed round.
			for operator in [2, 3] {
				assert_ok!(submit_answers(operator, &[(feed, 1, reveal(operator, 100))]));
			}
			next_block();
			assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 1);
			assert_noop!(
				submit_answers(3, &[(feed, 1, reveal(3, 100))]),
				Error::<Test>::StaleRound
			);
		});
	}

	/// A lazy or lying operator that copies another's commitment (the only thing it can see)
	/// cannot open it: the commitment binds the operator's account. It gives no answer and is
	/// counted missing, as is an operator that commits and never reveals.
	#[test]
	fn a_copied_or_unrevealed_commitment_is_a_miss() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3, 4]);
			let honest = commit(1, feed, 1, 10_000);
			assert_ok!(submit_answers(1, &[(feed, 1, honest)]));
			assert_ok!(submit_answers(2, &[(feed, 1, commit(2, feed, 1, 10_010))]));
			assert_ok!(submit_answers(3, &[(feed, 1, commit(3, feed, 1, 9_990))]));
			// Operator 4 copies operator 1's commitment from the pool.
			assert_ok!(submit_answers(4, &[(feed, 1, honest)]));
			// Opened at 2, the commit phase runs blocks 3 and 4; reveals open at 5.
			run_to(5);
			assert_eq!(revealing(feed), Some(true));
			assert_ok!(submit_answers(1, &[(feed, 1, reveal(1, 10_000))]));
			// Operator 4 sees operator 1's reveal and replays it: refused.
			assert_noop!(
				submit_answers(4, &[(feed, 1, reveal(1, 10_000))]),
				Error::<Test>::RevealMismatch
			);
			assert_ok!(submit_answers(2, &[(feed, 1, reveal(2, 10_010))]));
			// Operator 3 never reveals. At the end of the reveal window (blocks 6 and 7) two
			// values fall short of the 2f + 1 = 3 a round of four needs: it times out, and
			// nobody is judged on a value; operators 3 and 4 missed it.
			run_to(8);
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert_eq!((round.round_id, round.resolved()), (1, false));
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.value, None);
			assert_eq!(outcome.answers.iter().map(|a| a.operator).collect::<Vec<_>>(), vec![1, 2]);
			assert_eq!(outcome.missing, vec![3, 4]);
		});
	}

	#[test]
	fn an_unrevealed_commitment_counts_missing_in_a_resolved_round() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3, 4]);
			for (operator, value) in [(1, 100), (2, 102), (3, 98), (4, 5_000)] {
				assert_ok!(submit_answers(
					operator,
					&[(feed, 1, commit(operator, feed, 1, value))]
				));
			}
			run_to(5);
			for (operator, value) in [(1, 100), (2, 102), (3, 98)] {
				assert_ok!(submit_answers(operator, &[(feed, 1, reveal(operator, value))]));
			}
			// Operator 4 sees that its lie would be judged and keeps it: still open until the
			// reveal window (blocks 6 and 7) is over.
			run_to(7);
			assert_eq!(OracleAggregation::state(feed).unwrap().latest_round, 0);
			next_block();
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert_eq!((round.value, round.submissions), (100, 3));
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.missing, vec![4]);
			assert_eq!(outcome.reference, Some(100));
		});
	}

	/// Values are hidden, so a round of a commit–reveal feed within its heartbeat opens on
	/// `f + 1` commitments: one operator alone cannot open it.
	#[test]
	fn one_commitment_alone_does_not_open_a_round_within_the_heartbeat() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3, 4]);
			for operator in [1, 2, 3, 4] {
				assert_ok!(submit_answers(operator, &[(feed, 1, commit(operator, feed, 1, 100))]));
			}
			run_to(5);
			for operator in [1, 2, 3, 4] {
				assert_ok!(submit_answers(operator, &[(feed, 1, reveal(operator, 100))]));
			}
			next_block();
			assert_eq!(OracleAggregation::latest_round(feed).unwrap().value, 100);
			// From block 6 operator 1 tries to commit for round 2 in every block (f = 1): one
			// commitment is held at a time, it waits, and it expires after `round_timeout` (5)
			// blocks, after which the operator may commit again; the round does not open before
			// the heartbeat (due at block 16, open from 17).
			let mut taken = 0;
			for _ in 0..9 {
				if submit_answers(1, &[(feed, 2, commit(1, feed, 2, 200))]).is_ok() {
					taken += 1;
				}
				next_block();
				let state = OracleAggregation::state(feed).unwrap();
				assert_eq!((state.latest_round, state.open), (1, None));
				assert_eq!(revealing(feed), Some(false));
			}
			assert_eq!(taken, 2, "one commitment, then another once the first expired");
			// A second operator's commitment: f + 1 claims, one of them honest.
			assert_ok!(submit_answers(2, &[(feed, 2, commit(2, feed, 2, 200))]));
			next_block();
			assert!(OracleAggregation::state(feed).unwrap().open.is_some());
		});
	}

	/// The pool refuses a report with a reveal sent before its round's commit phase is over,
	/// whatever else it carries, so that no value of a round travels before every operator
	/// could commit.
	#[test]
	#[allow(deprecated)]
	fn the_pool_refuses_early_reveals_even_among_valid_entries() {
		use frame_support::unsigned::ValidateUnsigned;
		use sp_runtime::transaction_validity::{InvalidTransaction, TransactionSource};
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3]);
			let other = create(&[1, 2, 3]);
			assert_ok!(submit_answers(1, &[(feed, 1, commit(1, feed, 1, 100))]));
			let validate = |answers: Vec<ReportValue>| {
				let report = Report {
					key: key(1),
					at: System::block_number(),
					values: frame_support::BoundedVec::truncate_from(answers),
				};
				let signature = sign(&report);
				OracleAggregation::validate_unsigned(
					TransactionSource::External,
					&crate::Call::submit { report, signature },
				)
			};
			let early = ReportValue { feed_id: feed, round_id: 1, answer: reveal(1, 100) };
			let valid =
				ReportValue { feed_id: other, round_id: 1, answer: commit(1, other, 1, 100) };
			let refused = InvalidTransaction::Custom(crate::REFUSED_EARLY_REVEAL).into();
			assert_eq!(validate(vec![early]), refused);
			assert_eq!(validate(vec![early, valid]), refused);
			assert!(validate(vec![valid]).is_ok());
		});
	}

	#[test]
	fn commit_reveal_is_fixed_when_a_feed_is_created() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3]);
			assert_noop!(
				OracleAggregation::update_feed(RuntimeOrigin::root(), feed, feed_config()),
				Error::<Test>::CommitRevealFixed
			);
			let mut config = feed_config();
			config.commit_reveal = true;
			config.max_age = 20;
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), feed, config));
		});
	}

	/// Pausing a feed whose round collects commitments voids the round: nothing is taken
	/// while it is paused, and nobody is judged on it, so its committers do not miss it.
	#[test]
	fn a_paused_commit_reveal_round_is_voided_without_judging_anyone() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3]);
			for operator in [1, 2, 3] {
				assert_ok!(submit_answers(operator, &[(feed, 1, commit(operator, feed, 1, 100))]));
			}
			next_block();
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Paused
			));
			System::assert_has_event(Event::RoundVoided { feed_id: feed, round_id: 1 }.into());
			assert_noop!(submit(1, &[(feed, 1, 100)]), Error::<Test>::FeedPaused);
			assert_noop!(
				submit_answers(1, &[(feed, 1, reveal(1, 100))]),
				Error::<Test>::FeedPaused
			);
			run_to(20);
			assert!(take_outcomes().is_empty());
			let state = OracleAggregation::state(feed).unwrap();
			assert_eq!((state.latest_round, state.open), (0, None));
			assert!(Submissions::<Test>::iter().next().is_none());
		});
	}

	/// A round whose committers all leave the operator set at a session change (their
	/// answers go with them) still closes at its time, and the feed takes commitments again.
	#[test]
	fn a_round_whose_answers_are_gone_still_closes() {
		new_test_ext().execute_with(|| {
			let feed = create(&[1, 2, 3]);
			for operator in [1, 2, 3] {
				assert_ok!(submit_answers(operator, &[(feed, 1, commit(operator, feed, 1, 100))]));
			}
			next_block();
			assert_eq!(revealing(feed), Some(false));
			set_operators(&[4, 5, 6]);
			assert!(Submissions::<Test>::iter().next().is_none());
			// Opened at 2, reveals open at 5 for two blocks: it closes at 8, timed out.
			run_to(8);
			let state = OracleAggregation::state(feed).unwrap();
			assert_eq!((state.latest_round, state.open), (1, None));
			assert!(!OracleAggregation::latest_round(feed).unwrap().resolved());
			assert_eq!(revealing(feed), Some(false));
			assert_ok!(submit_answers(4, &[(feed, 2, commit(4, feed, 2, 100))]));
		});
	}
}

mod host_rules {
	use crate::{feed_config::*, mock::*, Error, Event};
	use frame_support::{assert_noop, assert_ok};
	use sp_runtime::DispatchError;

	/// Source URLs naming the operators' own machines or networks are refused unless the chain's
	/// host rules allow loopback, which only root sets; private, link-local and unspecified
	/// addresses are refused whatever the rules.
	#[test]
	fn source_hosts_follow_the_chains_host_rules() {
		new_test_ext().execute_with(|| {
			System::reset_events();
			let strict = HostRules { allow_loopback: false };
			assert_noop!(
				OracleAggregation::set_host_rules(RuntimeOrigin::signed(1), strict),
				DispatchError::BadOrigin
			);
			assert_noop!(
				OracleAggregation::set_host_rules(
					RuntimeOrigin::root(),
					HostRules { allow_loopback: true }
				),
				Error::<Test>::HostRulesUnchanged
			);
			// Under the development rules of the mock, the loopback feed is accepted.
			assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config()));
			assert_ok!(OracleAggregation::set_host_rules(RuntimeOrigin::root(), strict));
			System::assert_last_event(Event::HostRulesSet { rules: strict }.into());
			assert_eq!(crate::SourceHostRules::<Test>::get(), strict);
			let with_url = |url: &str| {
				let mut config = feed_config();
				config.sources[1].url = bounded(url);
				config
			};
			for (url, error) in [
				("http://127.0.0.1:8080/coinbase", ConfigError::LoopbackHost),
				("http://localhost:8080/coinbase", ConfigError::LoopbackHost),
				("http://10.0.0.7/coinbase", ConfigError::PrivateHost),
				("http://169.254.169.254/latest/meta-data", ConfigError::LinkLocalHost),
				("http://0.0.0.0:8080/coinbase", ConfigError::UnspecifiedHost),
			] {
				let mut config = with_url(url);
				// Every other source public, so that this one is the reason.
				config.sources[0].url = bounded("https://api.binance.com/x");
				config.sources[2].url = bounded("https://api.kraken.com/x");
				assert_noop!(
					OracleAggregation::create_feed(RuntimeOrigin::root(), config.clone()),
					Error::<Test>::InvalidConfig(error)
				);
				assert_noop!(
					OracleAggregation::update_feed(RuntimeOrigin::root(), 0, config),
					Error::<Test>::InvalidConfig(error)
				);
			}
			// Loopback again: allowed; private addresses still not.
			assert_ok!(OracleAggregation::set_host_rules(
				RuntimeOrigin::root(),
				HostRules { allow_loopback: true }
			));
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), 0, feed_config()));
			assert_noop!(
				OracleAggregation::create_feed(
					RuntimeOrigin::root(),
					with_url("http://192.168.1.1/")
				),
				Error::<Test>::InvalidConfig(ConfigError::PrivateHost)
			);
		});
	}

	#[test]
	fn a_poll_interval_below_the_chains_floor_is_refused() {
		new_test_ext().execute_with(|| {
			assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), feed_config()));
			let mut config = feed_config();
			// The mock's `MinPollInterval` is 5 s.
			config.poll_interval = 4;
			assert_noop!(
				OracleAggregation::create_feed(RuntimeOrigin::root(), config.clone()),
				Error::<Test>::InvalidConfig(ConfigError::PollIntervalTooShort)
			);
			assert_noop!(
				OracleAggregation::update_feed(RuntimeOrigin::root(), 0, config.clone()),
				Error::<Test>::InvalidConfig(ConfigError::PollIntervalTooShort)
			);
			config.poll_interval = 5;
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), 0, config));
			assert_eq!(crate::Feeds::<Test>::get(0).map(|c| c.poll_interval), Some(5));
		});
	}
}

/// Attacks on the judgement of honest operators, with the timing a real node has: a worker
/// reads a block only once it has imported it, so its report lands in a later block, and a
/// colluding block author may leave any report out of the block it authors.
mod framing {
	use super::*;
	use crate::mock::{
		commit, feed_config, next_block, reveal, set_operators, submit_answers, take_graces,
		Author, Config, RuntimeOrigin,
	};
	use crate::{types::*, Error, Event, ReadError, Submissions};
	use frame_support::{assert_noop, assert_ok};
	use oracle_primitives::rounds::GraceOutcome;

	/// A report in the transaction pool.
	#[derive(Clone, Copy, PartialEq, Debug)]
	struct Pending {
		operator: u64,
		feed: FeedId,
		round: RoundId,
		answer: ReportAnswer,
	}

	/// The operators' side of the chain: the transaction pool and the honest workers, which
	/// answer every round they see due (open, requested, heartbeat elapsed, never resolved)
	/// with `price`.
	struct Net {
		honest: Vec<u64>,
		pool: Vec<Pending>,
		price: Value,
	}

	impl Net {
		fn new(honest: &[u64], price: Value) -> Self {
			Net { honest: honest.to_vec(), pool: Vec::new(), price }
		}

		/// The next block, authored by `author` (a colluder when it censors).
		fn block_by(&mut self, author: u64, censored: &[u64]) {
			Author::next(author);
			self.block(censored);
		}

		/// Builds the next block: its `on_initialize`, then the pool's reports except those of
		/// `censored`, which its author leaves out (they stay in the pool); then every honest
		/// worker imports it and sends its reports.
		fn block(&mut self, censored: &[u64]) {
			next_block();
			for pending in core::mem::take(&mut self.pool) {
				if censored.contains(&pending.operator) {
					self.pool.push(pending);
				} else {
					// A report for a round that closed meanwhile is refused, as by the pool.
					let _ = submit_answers(
						pending.operator,
						&[(pending.feed, pending.round, pending.answer)],
					);
				}
			}
			self.import();
		}

		/// What the honest workers do once the current block is imported.
		fn import(&mut self) {
			let now = System::block_number();
			for state in crate::States::<Test>::get() {
				let round = state.latest_round + 1;
				let due = state.status == FeedStatus::Active
					&& (state.open.is_some()
						|| state.requested || state.answer.round_id == 0
						|| now >= state.answer.updated_at + state.params.heartbeat);
				if !due {
					continue;
				}
				let revealing = state.open.is_some_and(|open| open.reveal_from.is_some());
				for &operator in &self.honest {
					let given = Submissions::<Test>::get(operator)
						.iter()
						.find(|s| s.feed_id == state.feed_id && s.round_id == round)
						.map(|s| s.answer);
					let answer = match (state.params.commit_reveal, revealing, given) {
						(false, _, None) => ReportAnswer::Value(self.price),
						(true, false, None) => commit(operator, state.feed_id, round, self.price),
						(true, true, Some(Answered::Committed(_))) => reveal(operator, self.price),
						_ => continue,
					};
					let queued = self.pool.iter().any(|p| {
						p.operator == operator
							&& p.feed == state.feed_id
							&& p.round == round && p.answer == answer
					});
					if !queued {
						self.pool.push(Pending { operator, feed: state.feed_id, round, answer });
					}
				}
			}
		}

		/// A report of `operator` (the colluder) that its author puts into the next block.
		fn send(&mut self, operator: u64, feed: FeedId, round: RoundId, value: Value) {
			self.send_answer(operator, feed, round, ReportAnswer::Value(value));
		}

		/// A commitment or reveal of `operator` (the colluder) for the next block.
		fn send_answer(
			&mut self,
			operator: u64,
			feed: FeedId,
			round: RoundId,
			answer: ReportAnswer,
		) {
			self.pool.push(Pending { operator, feed, round, answer });
		}

		/// Operator 1 (honest) and the colluder see the price move 5 % and send round `round`;
		/// the round opens at the check of the block after theirs.
		fn open_on_a_move(&mut self, feed: FeedId, round: RoundId) {
			self.price = 10_500;
			self.send(1, feed, round, 10_500);
			self.send(4, feed, round, 10_500);
			self.block(&[]);
			self.block(&[]);
			assert!(OracleAggregation::state(feed).unwrap().open.is_some());
		}

		/// Blocks without censorship until feed `feed` has closed round `round`.
		fn until_closed(&mut self, feed: FeedId, round: RoundId) {
			for _ in 0..50 {
				if OracleAggregation::state(feed).unwrap().latest_round >= round {
					return;
				}
				self.block(&[]);
			}
			panic!("round {round} of feed {feed} never closed");
		}
	}

	/// The end of round 2's grace period with operator 5 missing.
	fn only_5_missing_from_round_2(feed: FeedId) -> Vec<GraceOutcome<u64, u64>> {
		vec![GraceOutcome {
			feed_id: feed,
			round_id: 2,
			late: vec![],
			missing: vec![5],
			unjudged: vec![],
		}]
	}

	/// Four operators (`f = 1`); operator 4 colludes from the second round on. The feed
	/// resolves its first round.
	fn setup(change: impl FnOnce(&mut Config)) -> (FeedId, Net) {
		setup_with(4, 1, change)
	}

	/// `operators` operators, the last `colluders` of which collude from the second round
	/// on. The feed resolves its first round.
	fn setup_with(
		operators: u64,
		colluders: u64,
		change: impl FnOnce(&mut Config),
	) -> (FeedId, Net) {
		let all: Vec<u64> = (1..=operators).collect();
		set_operators(&all);
		let mut config = feed_config();
		change(&mut config);
		assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		let mut net = Net::new(&all, 10_000);
		net.import();
		net.until_closed(0, 1);
		assert!(OracleAggregation::latest_round(0).unwrap().resolved());
		net.honest = (1..=operators - colluders).collect();
		take_outcomes();
		(0, net)
	}

	/// Ten operators (`f = 3`, colluders 8, 9 and 10) on a feed with the shortest answer
	/// window: operator 1 and the colluders see a 5 % move and send round 2, which opens at
	/// the check of the block after theirs (both blocks authored by honest operators).
	fn ten_operators_open_a_round() -> (FeedId, Net) {
		let window = OracleAggregation::min_answer_window();
		let (feed, mut net) = setup_with(10, 3, |c| c.resolution_delay = window);
		net.price = 10_500;
		for operator in [1, 8, 9, 10] {
			net.send(operator, feed, 2, 10_500);
		}
		net.block_by(1, &[]);
		net.block_by(2, &[]);
		assert!(OracleAggregation::state(feed).unwrap().open.is_some());
		(feed, net)
	}

	/// Commit–reveal: the colluder commits last, then authors the first block in which
	/// reveals can land and leaves every honest reveal out. The reveals must still land: the
	/// commit phase does not close early when everyone committed (so the last committer does
	/// not choose when reveals open), and the reveal window spans at least `f + 1` blocks.
	/// (When the last commitment opened the reveals for one block, the round timed out with
	/// every honest operator missing.)
	#[test]
	fn the_last_committer_cannot_choose_the_block_reveals_must_land_in() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|c| c.commit_reveal = true);
			let heartbeat_at = OracleAggregation::state(feed).unwrap().answer.updated_at + 10;
			while System::block_number() < heartbeat_at + 1 {
				net.block(&[]);
			}
			// The honest commitments landed; the colluder commits last.
			net.send_answer(4, feed, 2, commit(4, feed, 2, 10_000));
			for _ in 0..10 {
				net.block(&[]);
				let open = OracleAggregation::state(feed).unwrap().open;
				if open.is_some_and(|open| open.reveal_from.is_some()) {
					break;
				}
			}
			// The colluder authors the first block after reveals opened.
			net.block(&[1, 2, 3]);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.value, Some(10_000));
			assert_eq!(outcome.missing, vec![4], "only the colluder, which never revealed");
		});
	}

	/// Seven operators (`f = 2`); the colluders 6 and 7 answer the next heartbeat round a
	/// block before it is due, so that their answers wait when the heartbeat comes, and author
	/// the two blocks after the heartbeat, leaving operators 4 and 5 out while three honest
	/// reports complete the `2f + 1` quorum. Operators 4 and 5 must still count: the round
	/// opens only once honest workers can see it due, so their reports, sent when they import
	/// the heartbeat block, have the whole window after the opening too. (When the waiting
	/// answers opened the round in the heartbeat block itself, the honest reports could land
	/// in the colluders' blocks only, and operators 4 and 5 were missing.)
	#[test]
	fn early_answers_and_censoring_authors_cannot_make_an_honest_operator_miss() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup_with(7, 2, |_| {});
			let heartbeat_at = OracleAggregation::state(feed).unwrap().answer.updated_at + 10;
			while System::block_number() < heartbeat_at - 2 {
				net.block(&[]);
			}
			// The early answers land in the block before the heartbeat.
			net.send(6, feed, 2, 10_000);
			net.send(7, feed, 2, 10_000);
			net.block(&[]);
			assert_eq!(System::block_number(), heartbeat_at - 1);
			// The heartbeat block, then the colluders' blocks.
			net.block(&[]);
			net.block(&[4, 5]);
			net.block(&[4, 5]);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.round_id, 2);
			assert!(outcome.value.is_some());
			assert_eq!(outcome.missing, Vec::<u64>::new(), "an honest operator was missing");
			let mut answered: Vec<u64> = outcome.answers.iter().map(|a| a.operator).collect();
			answered.sort();
			assert_eq!(answered, vec![1, 2, 3, 4, 5, 6, 7]);
		});
	}

	/// A deviation round: one honest operator and the colluder see a 5 % move and open the
	/// round; the other honest workers see it open once they import the opening block, and
	/// the colluder authors the next block, leaving operator 3 out. The answer window gives
	/// them a second block with another author, so nobody honest is missing.
	#[test]
	fn a_censoring_author_of_the_first_block_after_an_opening_cannot_exclude_anyone() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|_| {});
			net.block(&[]);
			// The colluder authors the block after the opening one.
			net.open_on_a_move(feed, 2);
			net.block(&[3]);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.value, Some(10_500));
			assert_eq!(outcome.missing, Vec::<u64>::new(), "an honest operator was missing");
		});
	}

	/// The shortest answer window a feed may have leaves every honest worker two blocks to
	/// land in after it sees a round open.
	#[test]
	fn the_shortest_answer_window_spans_two_landing_blocks() {
		new_test_ext().execute_with(|| {
			let window = OracleAggregation::min_answer_window();
			let (feed, mut net) = setup(|c| c.resolution_delay = window);
			net.block(&[]);
			net.open_on_a_move(feed, 2);
			let opened_at = OracleAggregation::state(feed).unwrap().open.unwrap().opened_at;
			// Operator 2 is censored in the first block after the opening, while operator 3
			// lands there and completes the quorum: 2 still lands in the second block.
			net.block(&[2]);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.opened_at, opened_at);
			assert_eq!(outcome.missing, Vec::<u64>::new());
			let two = outcome.answers.iter().find(|a| a.operator == 2).unwrap();
			assert_eq!(two.at, opened_at + 2);
		});
	}

	/// Four operators, the colluder silent and one honest operator down: the remaining two see
	/// a 10 % drop, too few for a round, which times out. The feed's last value must not read
	/// as fresh meanwhile: the feed is disputed until a round resolves.
	#[test]
	fn a_minority_that_holds_rounds_back_cannot_keep_an_old_value_fresh() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|_| {});
			assert!(OracleAggregation::fresh_round(feed).is_ok());
			net.honest = vec![1, 2];
			net.price = 9_000;
			net.send(1, feed, 2, 9_000);
			net.send(2, feed, 2, 9_000);
			net.until_closed(feed, 2);
			let round = OracleAggregation::latest_round(feed).unwrap();
			assert!(!round.resolved());
			assert_eq!(OracleAggregation::fresh_round(feed), Err(ReadError::Disputed));
			System::assert_has_event(
				Event::FeedDisputed { feed_id: feed, round_id: 2, moved: 2 }.into(),
			);
			// Operator 3 is back: the next round resolves and the feed reads fresh again.
			net.honest = vec![1, 2, 3];
			net.until_closed(feed, 3);
			assert_eq!(OracleAggregation::fresh_round(feed).map(|r| r.value), Ok(9_000));
		});
	}

	/// A round that times out without a move (the operators answered the old value) is no
	/// dispute: the old value stays fresh within its age.
	#[test]
	fn a_timeout_without_a_move_is_no_dispute() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|c| c.max_age = 50);
			net.honest = vec![1, 2];
			let heartbeat_at = OracleAggregation::state(feed).unwrap().answer.updated_at + 10;
			while System::block_number() < heartbeat_at {
				net.block(&[]);
			}
			net.until_closed(feed, 2);
			assert!(!OracleAggregation::latest_round(feed).unwrap().resolved());
			assert_eq!(OracleAggregation::fresh_round(feed).map(|r| r.value), Ok(10_000));
		});
	}

	/// A feed's scale never changes under a reader.
	#[test]
	fn decimals_cannot_change() {
		new_test_ext().execute_with(|| {
			let (feed, _) = setup(|_| {});
			let mut config = feed_config();
			config.decimals = 8;
			assert_noop!(
				OracleAggregation::update_feed(RuntimeOrigin::root(), feed, config),
				Error::<Test>::DecimalsFixed
			);
		});
	}

	/// Pausing a feed mid-round drops the round without judging anyone: the operators whose
	/// reports the pause refused are not missing, and the answers given are not kept for
	/// later.
	#[test]
	fn a_pause_voids_the_open_round_without_judging_anyone() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|_| {});
			net.open_on_a_move(feed, 2);
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Paused
			));
			System::assert_has_event(Event::RoundVoided { feed_id: feed, round_id: 2 }.into());
			let state = OracleAggregation::state(feed).unwrap();
			assert!(state.open.is_none());
			assert_eq!(state.latest_round, 1);
			for operator in [1, 2, 3, 4] {
				assert!(Submissions::<Test>::get(operator).is_empty());
			}
			for _ in 0..20 {
				net.block(&[]);
			}
			assert!(take_outcomes().is_empty(), "a paused round was judged");
			// Resumed, the round runs afresh and nobody is missing.
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Active
			));
			net.send(4, feed, 2, 10_000);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.missing, Vec::<u64>::new());
		});
	}

	/// An update that changes how values are read voids the open round; one that changes
	/// nothing of an answer (here `max_age`) keeps it.
	#[test]
	fn an_update_that_changes_how_values_are_read_voids_the_open_round() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|_| {});
			net.open_on_a_move(feed, 2);
			let mut config = feed_config();
			config.max_age = 20;
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), feed, config.clone()));
			assert!(OracleAggregation::state(feed).unwrap().open.is_some());
			config.sources.truncate(2);
			assert_ok!(OracleAggregation::update_feed(RuntimeOrigin::root(), feed, config));
			System::assert_has_event(Event::RoundVoided { feed_id: feed, round_id: 2 }.into());
			assert!(OracleAggregation::state(feed).unwrap().open.is_none());
			assert!(Submissions::<Test>::get(1).is_empty());
			assert!(take_outcomes().is_empty());
		});
	}

	/// An answer outside the feed's bounds does not count and raises a breaker alert; the
	/// round resolves from the others.
	#[test]
	fn an_out_of_bounds_answer_raises_a_breaker_alert() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|c| c.max_value = 10_200);
			net.price = 10_100;
			let heartbeat_at = OracleAggregation::state(feed).unwrap().answer.updated_at + 10;
			while System::block_number() < heartbeat_at {
				net.block(&[]);
			}
			net.send(4, feed, 2, 10_300);
			net.until_closed(feed, 2);
			System::assert_has_event(
				Event::BoundsBreached { feed_id: feed, round_id: 2, answers: 1 }.into(),
			);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.value, Some(10_100));
			assert_eq!(outcome.band, Some((10_100, 10_100)));
		});
	}

	/// Ten operators (`f = 3`, colluders 8, 9 and 10) and the shortest answer window. Operator
	/// 1 and the colluders see a 5 % move and open a round; the other honest workers see it
	/// open once they import the opening block. Colluders 8 and 9 author both blocks of the
	/// window and leave operator 5 out while the others complete the quorum; colluder 10
	/// authors the block after. Operator 5 must not be missing: the window had fewer than
	/// `f + 1` distinct authors, so its report stays valid and counts as late once an honest
	/// author includes it. (Without the grace period, operator 5 was missing.)
	#[test]
	fn colluding_authors_of_a_whole_window_cannot_make_an_honest_operator_miss() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = ten_operators_open_a_round();
			let opened_at = OracleAggregation::state(feed).unwrap().open.unwrap().opened_at;
			assert_eq!(opened_at, System::block_number());
			net.block_by(8, &[5]);
			net.block_by(9, &[5]);
			// The round resolves at the start of the next block, without operator 5, which
			// is pending, not missing.
			net.block_by(10, &[5]);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.value, Some(10_500));
			assert_eq!(outcome.missing, Vec::<u64>::new(), "an honest operator was missing");
			assert_eq!(outcome.pending, vec![5]);
			assert_eq!(OracleAggregation::fresh_round(feed).unwrap().value, 10_500);
			assert!(take_graces().is_empty(), "the grace period ended among colluders");
			// The first honest author includes operator 5's report.
			net.block_by(3, &[]);
			let landed = System::block_number();
			System::assert_has_event(
				Event::AnsweredLate { feed_id: feed, round_id: 2, operator: 5 }.into(),
			);
			net.block(&[]);
			assert_eq!(
				take_graces(),
				vec![GraceOutcome {
					feed_id: feed,
					round_id: 2,
					late: vec![(5, landed)],
					missing: vec![],
					unjudged: vec![]
				}]
			);
			System::assert_has_event(
				Event::GraceOver { feed_id: feed, round_id: 2, late: 1, missing: 0 }.into(),
			);
			// The late answer is gone with the grace period.
			assert!(Submissions::<Test>::get(5).iter().all(|s| s.round_id != 2));
			assert!(crate::GraceEnds::<Test>::get().is_empty());
		});
	}

	/// The same window, but operator 5 is down: once the blocks after the opening had `f + 1`
	/// distinct authors, it is missing.
	#[test]
	fn an_operator_that_never_answers_is_missing_once_f_plus_1_authors_passed() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = ten_operators_open_a_round();
			// Operator 5 went down before it could send its report.
			net.honest.retain(|o| *o != 5);
			net.pool.retain(|p| p.operator != 5);
			net.block_by(8, &[]);
			net.block_by(9, &[]);
			net.block_by(10, &[]);
			assert_eq!(take_outcomes().pop().unwrap().pending, vec![5]);
			net.block_by(3, &[]);
			assert!(take_graces().is_empty());
			net.block(&[]);
			assert_eq!(take_graces(), only_5_missing_from_round_2(feed));
		});
	}

	/// A grace period is bounded: when the same author keeps authoring (others' slots
	/// skipped), it ends after `MaxAuthorSpan` blocks from the opening.
	#[test]
	fn a_grace_period_ends_after_max_author_span() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = ten_operators_open_a_round();
			let opened_at = System::block_number();
			let span =
				u64::from(<<Test as crate::Config>::MaxAuthorSpan as frame_support::traits::Get<
					u32,
				>>::get());
			while System::block_number() < opened_at + span {
				net.block_by(8, &[5]);
				assert!(take_graces().is_empty());
			}
			net.block_by(8, &[5]);
			assert_eq!(take_graces(), only_5_missing_from_round_2(feed));
		});
	}

	/// Late answers: one per operator and round, plain values only, and only for a round in
	/// its grace period.
	#[test]
	fn late_answers_are_taken_only_for_rounds_in_their_grace_period() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = ten_operators_open_a_round();
			// Round 1 closed without a grace period.
			assert_noop!(submit(5, &[(feed, 1, 10_000)]), Error::<Test>::StaleRound);
			net.block_by(8, &[5]);
			net.block_by(9, &[5]);
			net.block_by(10, &[5]);
			assert_eq!(OracleAggregation::state(feed).unwrap().grace_from, 2);
			net.pool.clear();
			assert_noop!(
				submit_answers(5, &[(feed, 2, commit(5, feed, 2, 10_500))]),
				Error::<Test>::StaleRound
			);
			assert_noop!(submit(5, &[(feed, 1, 10_000)]), Error::<Test>::StaleRound);
			assert_ok!(submit(5, &[(feed, 2, 10_400)]));
			assert_noop!(submit(5, &[(feed, 2, 10_400)]), Error::<Test>::AlreadySubmitted);
			// An operator that answered in time has given its answer.
			assert_noop!(submit(1, &[(feed, 2, 10_500)]), Error::<Test>::AlreadySubmitted);
			net.block_by(3, &[]);
			net.block(&[]);
			let grace = take_graces().pop().unwrap();
			assert_eq!(grace.late.iter().map(|(o, _)| *o).collect::<Vec<_>>(), vec![5]);
			assert_eq!(grace.missing, Vec::<u64>::new());
			assert_eq!(OracleAggregation::state(feed).unwrap().grace_from, 0);
			assert_noop!(submit(5, &[(feed, 2, 10_400)]), Error::<Test>::StaleRound);
		});
	}

	/// Commit–reveal with ten operators and the shortest window: colluders 8 and 9 author both
	/// blocks of the commit phase and leave operator 5's commitment out. The commit phase
	/// waits for `f + 1` distinct authors, so an honest author includes it and operator 5
	/// reveals. (When the commit phase closed after its window, operator 5 was missing.)
	#[test]
	fn colluding_authors_of_the_commit_phase_cannot_keep_a_commitment_out() {
		new_test_ext().execute_with(|| {
			let window = OracleAggregation::min_answer_window();
			let (feed, mut net) = setup_with(10, 3, |c| {
				c.resolution_delay = window;
				c.commit_reveal = true;
			});
			let heartbeat_at = OracleAggregation::state(feed).unwrap().answer.updated_at + 10;
			while System::block_number() < heartbeat_at {
				net.block(&[]);
			}
			// Honest workers see the heartbeat and commit; the colluders author from here.
			net.block_by(8, &[5]);
			net.block_by(9, &[5]);
			let opened_at = OracleAggregation::state(feed).unwrap().open.unwrap().opened_at;
			assert_eq!(opened_at, System::block_number());
			net.block_by(10, &[5]);
			net.block_by(8, &[5]);
			net.block_by(9, &[5]);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert!(outcome.value.is_some());
			assert!(!outcome.missing.contains(&5), "an honest operator was missing");
			assert!(outcome.answers.iter().any(|a| a.operator == 5));
		});
	}

	/// An operator that joins at a session change is not expected to answer a round opened
	/// before it joined.
	#[test]
	fn an_operator_joining_mid_round_is_not_missing() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = setup(|_| {});
			net.open_on_a_move(feed, 2);
			net.block(&[]);
			set_operators(&[1, 2, 3, 4, 5]);
			net.until_closed(feed, 2);
			let outcome = take_outcomes().pop().unwrap();
			assert_eq!(outcome.missing, Vec::<u64>::new(), "the new operator was missing");
			assert_eq!(outcome.pending, Vec::<u64>::new());
			// It is expected in the next round.
			net.honest = vec![1, 2, 3];
			let heartbeat_at = OracleAggregation::state(feed).unwrap().answer.updated_at + 10;
			while System::block_number() <= heartbeat_at {
				net.block(&[]);
			}
			net.until_closed(feed, 3);
			let outcome = take_outcomes().pop().unwrap();
			let mut absent = outcome.missing.clone();
			absent.extend(outcome.pending.iter());
			absent.sort();
			assert_eq!(absent, vec![4, 5]);
		});
	}

	/// A signed report cannot be replayed into a later round: an honest operator's deviation
	/// candidate that expired, sent again by anyone once a paid request opens the round, is
	/// refused as outdated (it would be judged against values fetched long after). The same
	/// report still counts as a late answer for a round in a grace period.
	#[test]
	fn an_old_signed_report_cannot_answer_a_later_round() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = ten_operators_open_a_round();
			// Operator 5's report, made now, is left out by the colluders' blocks.
			net.pool.retain(|p| p.operator != 5);
			let made = crate::mock::report(5, &[(feed, 2, 10_400)]);
			let signature = crate::mock::sign(&made);
			net.block_by(8, &[5]);
			net.block_by(9, &[5]);
			net.block_by(10, &[5]);
			assert_eq!(take_outcomes().pop().unwrap().pending, vec![5]);
			// As a late answer for round 2 it is taken, however old within the pool's longevity.
			for _ in 0..6 {
				Author::next(8);
				next_block();
			}
			assert_ok!(OracleAggregation::submit(
				RuntimeOrigin::none(),
				made.clone(),
				signature.clone()
			));
			// The same signed values for round 3, made 9 blocks ago, answer no open round.
			let mut replayed = made.clone();
			replayed.values[0].round_id = 3;
			assert_ok!(OracleAggregation::request_round(RuntimeOrigin::signed(100), feed));
			let signature = crate::mock::sign(&replayed);
			assert_noop!(
				OracleAggregation::submit(RuntimeOrigin::none(), replayed, signature),
				Error::<Test>::OutdatedReport
			);
		});
	}

	/// Pausing a feed while it has a round in a grace period keeps what shows an operator was
	/// there: its answer for the open round, dropped by the pause, stays as a mark, and it is
	/// late, not missing, when the period ends.
	#[test]
	fn a_pause_during_a_grace_period_keeps_the_proof_an_operator_was_there() {
		new_test_ext().execute_with(|| {
			let (feed, mut net) = ten_operators_open_a_round();
			net.block_by(8, &[5]);
			net.block_by(9, &[5]);
			net.block_by(10, &[5]);
			assert_eq!(take_outcomes().pop().unwrap().pending, vec![5]);
			// Operator 5's late report is lost; it answers round 3 instead.
			net.pool.retain(|p| p.operator != 5);
			assert_ok!(OracleAggregation::request_round(RuntimeOrigin::signed(100), feed));
			assert_ok!(submit(5, &[(feed, 3, 10_500)]));
			assert_ok!(OracleAggregation::set_feed_status(
				RuntimeOrigin::root(),
				feed,
				FeedStatus::Paused
			));
			net.block_by(3, &[]);
			net.block(&[]);
			let grace = take_graces().pop().unwrap();
			assert_eq!(grace.missing, Vec::<u64>::new(), "an operator that was there is missing");
			assert_eq!(grace.late.iter().map(|(o, _)| *o).collect::<Vec<_>>(), vec![5]);
		});
	}
}
