//! Capacity of the oracle: 1,000 feeds whose rounds are answered by `MaxOperators` (31)
//! operators and resolved in one 6 s block, within 75 % of the block's maximum ref time and
//! proof size.
//!
//! The budget is checked twice: against the benchmarked weights the runtime charges (what block
//! authors and the transaction pool go by; the SLA pallet's hook on the closed rounds
//! included), and against the storage proof the same work actually records when executed on a
//! state with every feed's buffer full (the round check runs the SLA pallet's hook there too).
//! The XCM service takes nothing from the start of a block; what such a block leaves it is
//! checked to serve siblings' requests still.

use crate::{
	configs::RuntimeBlockWeights, OracleAggregation, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System,
};
use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::{Get, Hooks, UnfilteredDispatchable},
	weights::Weight,
	BoundedVec,
};
use pallet_oracle_aggregation::{
	commit_reveal::commitment,
	types::{FeedId, Report, ReportAnswer, ReportValue},
	weights::WeightInfo,
	FeedConfigOf, OracleId,
};
use pallet_oracle_delivery::WeightInfo as _;
use pallet_oracle_sla::WeightInfo as _;
use sp_core::{sr25519, Pair};
use sp_runtime::BuildStorage;

const FEEDS: u32 = 1_000;
const OPERATORS: u32 = crate::configs::MaxOperators::get();

type Weights = <Runtime as pallet_oracle_aggregation::Config>::WeightInfo;
type SlaWeights = <Runtime as pallet_oracle_sla::Config>::WeightInfo;
type DeliveryWeights = <Runtime as pallet_oracle_delivery::Config>::WeightInfo;

/// What 75 % of a block allows.
fn budget() -> Weight {
	let max = RuntimeBlockWeights::get().max_block;
	Weight::from_parts(max.ref_time() / 4 * 3, max.proof_size() / 4 * 3)
}

/// The `live` preset's BTC/USD feed (six venues, median) with a two-thirds quorum and the
/// longest buffer, under a name of its own.
fn feed(index: u32) -> FeedConfigOf<Runtime> {
	let mut config = crate::genesis_config_presets::preset_feeds(false, 1).swap_remove(0);
	config.name = BoundedVec::truncate_from(format!("FEED{index}/USD").into_bytes());
	config.quorum = OPERATORS * 2 / 3 + 1;
	config.buffer_len = <Runtime as pallet_oracle_aggregation::Config>::MaxBufferLen::get();
	config
}

fn operator_pair(index: u32) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//operator{index}"), None).expect("a valid seed")
}

/// What operator `index` answers for `feed_id`'s round `round_id`: every other round 1 %
/// higher, so that each round is due by deviation.
fn value(index: u32, feed_id: FeedId, round_id: u32) -> i128 {
	6_500_000_000_000
		+ i128::from(round_id % 2) * 65_000_000_000
		+ i128::from(index) * 1_000
		+ i128::from(feed_id)
}

/// How a report gives its values.
#[derive(Clone, Copy)]
enum Kind {
	Plain,
	Commit,
	Reveal,
}

/// Every operator's report of one value for every feed's round `round_id`, as a call.
fn reports(round_id: u32, now: u32) -> Vec<RuntimeCall> {
	reports_of(Kind::Plain, round_id, now)
}

/// Every operator's report for every feed's round `round_id`: plain values, commitments to
/// them or their reveals.
fn reports_of(kind: Kind, round_id: u32, now: u32) -> Vec<RuntimeCall> {
	let genesis = System::block_hash(0);
	(0..OPERATORS)
		.map(|index| {
			let pair = operator_pair(index);
			let account = crate::AccountId::from(pair.public());
			let salt = [index as u8; 16];
			let values: Vec<ReportValue> = (0..FEEDS)
				.map(|feed_id: FeedId| {
					let value = value(index, feed_id, round_id);
					let answer = match kind {
						Kind::Plain => ReportAnswer::Value(value),
						Kind::Commit => ReportAnswer::Commit(commitment(
							&genesis, feed_id, round_id, value, &salt, &account,
						)),
						Kind::Reveal => ReportAnswer::Reveal { value, salt },
					};
					ReportValue { feed_id, round_id, answer }
				})
				.collect();
			let report = Report {
				key: OracleId::from(pair.public()),
				at: now,
				values: BoundedVec::truncate_from(values),
			};
			let signature = pair.sign(&OracleAggregation::report_payload(&report)).into();
			RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::submit {
				report,
				signature,
			})
		})
		.collect()
}

/// A state with `FEEDS` feeds whose buffers are full and `OPERATORS` operators, at the block
/// in which the next round is reported. Returns it with that round's id.
fn full_state() -> (sp_io::TestExternalities, u32) {
	let storage = frame_system::GenesisConfig::<Runtime>::default()
		.build_storage()
		.expect("the system genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	let buffer_len = <Runtime as pallet_oracle_aggregation::Config>::MaxBufferLen::get();
	let mut now = 1;
	ext.execute_with(|| {
		System::set_block_number(now);
		let operators: Vec<_> = (0..OPERATORS)
			.map(|index| {
				let account = crate::AccountId::from(operator_pair(index).public());
				(account, OracleId::from(operator_pair(index).public()))
			})
			.collect();
		pallet_oracle_aggregation::Operators::<Runtime>::put(BoundedVec::truncate_from(operators));
		for index in 0..FEEDS {
			OracleAggregation::do_create_feed(feed(index)).expect("a valid feed");
		}
		// Fill every buffer: each round is reported by every operator and resolves.
		for round_id in 1..=buffer_len {
			for call in reports(round_id, now) {
				call.dispatch_bypass_filter(RuntimeOrigin::none()).expect("a valid report");
			}
			now += 1;
			// Each block starts without the last one's events, as `frame_system` does.
			System::reset_events();
			System::set_block_number(now);
			OracleAggregation::on_initialize(now);
		}
		assert_eq!(OracleAggregation::state(0).map(|s| s.latest_round), Some(buffer_len));
	});
	ext.commit_all().expect("the state commits");
	(ext, buffer_len + 1)
}

/// The worst-case proof of reading `reads` keys of the pallet's storage item `name` once:
/// its largest encoding plus a trie path (15 sibling hashes of 33 bytes per level, levels for
/// the item's number of keys, a million when unbounded), as the benchmarking tool prices a
/// first read.
fn worst_read(pallet: &[frame_support::traits::StorageInfo], name: &str, reads: u64) -> u64 {
	let info = pallet
		.iter()
		.find(|info| info.storage_name == name.as_bytes())
		.unwrap_or_else(|| panic!("no storage item {name}"));
	let keys = info.max_values.unwrap_or(1_000_000);
	let levels = (1..=8u32).find(|level| 16u64.pow(*level) >= u64::from(keys)).unwrap_or(8);
	let size = u64::from(info.max_size.expect("every item is bounded"));
	(size + u64::from(levels) * 15 * 33) * reads
}

#[test]
fn a_thousand_feeds_from_every_operator_there_can_be_fit_in_three_quarters_of_a_block() {
	assert_eq!(OPERATORS, 31);
	let budget = budget();
	let per_report = Weights::submit(FEEDS);
	let check =
		Weights::on_initialize_idle().saturating_add(Weights::check_rounds(OPERATORS, FEEDS));
	let normal = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
	let reports_weight = per_report.saturating_add(normal).saturating_mul(u64::from(OPERATORS));
	// The SLA pallet's hook on the closed rounds, which the round check calls, as it charges
	// itself: a record per round, every operator's statistics and era points, and in the worst
	// case an offence reported for every operator.
	let sla = SlaWeights::rounds_resolved(FEEDS, OPERATORS)
		.saturating_add(SlaWeights::report_offence().saturating_mul(u64::from(OPERATORS)));
	// The delivery pallet's pushes, as it charges itself with every subscription there can be
	// due (each with its most feeds, every one paying and sent).
	let max_subscriptions = <Runtime as pallet_oracle_delivery::Config>::MaxSubscriptions::get();
	let delivery = DeliveryWeights::rounds_resolved(max_subscriptions);
	// The XCM service (the message queue) takes nothing from the start of a block: it is
	// served from what the block leaves, after the above.
	let xcm_first: Weight =
		<<Runtime as pallet_message_queue::Config>::ServiceWeight as Get<Option<Weight>>>::get()
			.unwrap_or_default();
	let total = reports_weight
		.saturating_add(check)
		.saturating_add(sla)
		.saturating_add(delivery)
		.saturating_add(xcm_first);
	// The largest block of reports: reveals, with commit–reveal.
	let length: usize = [Kind::Plain, Kind::Commit, Kind::Reveal]
		.into_iter()
		.map(|kind| {
			sp_io::TestExternalities::default()
				.execute_with(|| reports_of(kind, 1, 1))
				.iter()
				.map(|call| call.encoded_size())
				.sum()
		})
		.max()
		.unwrap_or(0);
	println!(
		"per report {per_report:?}; round check {check:?}; SLA hook {sla:?}; delivery \
		 {delivery:?}; block {total:?} + \
		 {length} bytes of \
		 extrinsics; budget {budget:?}"
	);
	assert!(total.ref_time() <= budget.ref_time(), "ref time {total:?} over {budget:?}");
	// The extrinsics travel in the proof of validity with the storage proof.
	let proof = total.proof_size().saturating_add(length as u64);
	assert!(proof <= budget.proof_size(), "proof {proof} over {budget:?}");
	// The benchmarking tool prices a call's proof by its largest item; add every item up
	// instead, each at its worst case, and it still fits.
	use frame_support::traits::StorageInfoTrait;
	let items = OracleAggregation::storage_info();
	let read = |name, reads| worst_read(&items, name, reads);
	let timestamp = 8 + 15 * 33;
	let report =
		read("Operators", 1) + read("Submissions", 1) + read("Heads", 1) + read("NextCheck", 1);
	let round_check = read("NextCheck", 1)
		+ read("Operators", 1)
		+ read("Submissions", u64::from(OPERATORS))
		+ read("States", 1)
		+ read("Rounds", u64::from(FEEDS))
		+ read("LastAuthored", 1)
		+ read("OperatorsSince", 1)
		+ read("GraceEnds", 1)
		+ read("Graces", pallet_oracle_aggregation::GRACE_ENDS_PER_CHECK as u64)
		+ timestamp;
	let summed = report * u64::from(OPERATORS) + round_check + length as u64;
	println!("every item at its worst, summed: {summed} bytes with the extrinsics");
	assert!(summed <= budget.proof_size(), "summed worst case {summed} over {budget:?}");
	// What such a block leaves the XCM service still serves siblings' requests: each a paid
	// `request_round` as the weigher prices it, with the queue's own cost of a page and a
	// message, and the block's proof counted with its extrinsics.
	let used = Weight::from_parts(total.ref_time(), proof);
	let idle: Weight = <<Runtime as pallet_message_queue::Config>::IdleMaxServiceWeight as Get<
		Option<Weight>,
	>>::get()
	.unwrap_or_default();
	let left = RuntimeBlockWeights::get().max_block.saturating_sub(used).min(idle);
	let request = xcm_request_weight();
	let requests =
		(left.ref_time() / request.ref_time()).min(left.proof_size() / request.proof_size());
	println!(
		"XCM service: {xcm_first:?} from the start of the block, {left:?} of what it leaves: \
		 {requests} sibling requests of {request:?}"
	);
	assert!(requests >= 5, "{requests} requests");
	// What a report declares is what the pool and the block author go by.
	let declared = sp_io::TestExternalities::default().execute_with(|| reports(1, 1))[0]
		.get_dispatch_info()
		.total_weight();
	assert_eq!(declared, per_report);
}

/// What the message queue spends on one sibling's paid request for a round: the message as
/// the XCM weigher prices it (its instructions and the call), and the queue's cost of
/// servicing a queue, a page and a message.
fn xcm_request_weight() -> Weight {
	use pallet_message_queue::WeightInfo as _;
	use xcm::latest::prelude::*;
	use xcm_executor::traits::WeightBounds;
	type Queue = <Runtime as pallet_message_queue::Config>::WeightInfo;
	let call = RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round {
		feed_id: 0,
	});
	let mut message = crate::xcm_tests::paid_transact(crate::UNIT, call);
	message.0.push(SetTopic([0; 32]));
	let executed = crate::configs::xcm::AdmissibleWeigher::weight(&mut message, Weight::MAX)
		.expect("a request is weighed");
	executed
		.saturating_add(Queue::service_queue_base())
		.saturating_add(Queue::service_page_base_completion())
		.saturating_add(Queue::service_page_item())
		.saturating_add(Queue::ready_ring_unknit())
}

/// Dispatches `calls` in the current block and runs the next block's round check, recording
/// the storage proof; returns the rounds resolved and the proof's size with the calls'.
fn prove_block(ext: &mut sp_io::TestExternalities, calls: Vec<RuntimeCall>) -> (usize, usize) {
	let length: usize = calls.iter().map(|call| call.encoded_size()).sum();
	let (resolved, proof) = ext.execute_and_prove(|| {
		let now = System::block_number();
		for call in calls {
			call.dispatch_bypass_filter(RuntimeOrigin::none()).expect("a valid report");
		}
		System::reset_events();
		System::set_block_number(now + 1);
		OracleAggregation::on_initialize(now + 1);
		let resolved = System::events()
			.iter()
			.filter(|record| {
				matches!(
					record.event,
					RuntimeEvent::OracleAggregation(
						pallet_oracle_aggregation::Event::RoundResolved { .. }
					)
				)
			})
			.count();
		// The proof also covers computing the new state root from the changes.
		let _ = sp_io::storage::root(sp_runtime::StateVersion::V1);
		resolved
	});
	ext.commit_all().expect("the state commits");
	println!("recorded proof {} bytes + {length} bytes of extrinsics", proof.encoded_size());
	(resolved, proof.encoded_size().saturating_add(length))
}

/// Subscribes as many siblings as there may be subscriptions, each to its most feeds (all
/// different), with channels open, so that the round check pushes as much as it can.
fn subscribe_everything(ext: &mut sp_io::TestExternalities) {
	use pallet_oracle_delivery::types::{CallTarget, Trigger};
	let subscriptions: u32 = <Runtime as pallet_oracle_delivery::Config>::MaxSubscriptions::get();
	let per: u32 = <Runtime as pallet_oracle_delivery::Config>::MaxFeedsPerSubscription::get();
	ext.execute_with(|| {
		for index in 0..subscriptions {
			let para = 3_000 + index;
			crate::open_channel_for_tests(para);
			let feeds: Vec<FeedId> = (index * per..(index + 1) * per).map(|f| f % FEEDS).collect();
			crate::OracleDelivery::subscribe(
				RuntimeOrigin::root(),
				para,
				BoundedVec::truncate_from(feeds),
				CallTarget {
					pallet_index: 60,
					call_index: 0,
					max_weight: frame_support::weights::Weight::from_parts(
						10_000_000_000,
						1_000_000,
					),
				},
				Trigger::EveryRound,
			)
			.expect("within the bounds");
		}
	});
	ext.commit_all().expect("the state commits");
}

#[test]
fn the_recorded_proof_of_such_a_block_fits_too() {
	let (mut ext, round_id) = full_state();
	subscribe_everything(&mut ext);
	let calls = ext.execute_with(|| reports(round_id, System::block_number()));
	let (resolved, recorded) = prove_block(&mut ext, calls);
	assert_eq!(resolved, FEEDS as usize);
	let pushes = ext.execute_with(|| {
		System::events()
			.iter()
			.filter(|record| {
				matches!(
					record.event,
					RuntimeEvent::OracleDelivery(
						pallet_oracle_delivery::Event::RoundsDelivered { .. }
					)
				)
			})
			.count()
	});
	let most: u32 = <Runtime as pallet_oracle_delivery::Config>::MaxPushesPerBlock::get();
	assert_eq!(pushes, most as usize, "the block pushes all it may");
	assert!(
		(recorded as u64) <= budget().proof_size(),
		"recorded proof {recorded} over {:?}",
		budget()
	);
	ext.execute_with(|| {
		pallet_oracle_aggregation::Pallet::<Runtime>::do_try_state().expect("invariants hold")
	});
}

/// The same feeds with commit–reveal: the block in which every operator commits to every
/// feed's round (which then opens), the blocks of the commit window until the check that
/// turns every round to reveals, and the block in which they all reveal (whose check resolves
/// every round) each fit.
#[test]
fn with_commit_reveal_the_commit_block_and_the_reveal_block_fit_too() {
	let (mut ext, round_id) = full_state();
	// The same state with commit–reveal feeds (which `update_feed` does not allow turning on:
	// set in storage, as feeds created so would be).
	ext.execute_with(|| {
		let mut states = pallet_oracle_aggregation::States::<Runtime>::get();
		for state in states.iter_mut() {
			state.params.commit_reveal = true;
			pallet_oracle_aggregation::Feeds::<Runtime>::mutate(state.feed_id, |config| {
				if let Some(config) = config {
					config.commit_reveal = true;
				}
			});
		}
		let heads = states.iter().map(pallet_oracle_aggregation::types::FeedHead::from).collect();
		pallet_oracle_aggregation::Heads::<Runtime>::put(BoundedVec::truncate_from(heads));
		pallet_oracle_aggregation::States::<Runtime>::put(states);
	});
	ext.commit_all().expect("the state commits");
	let commits = ext.execute_with(|| reports_of(Kind::Commit, round_id, System::block_number()));
	let (resolved, recorded) = prove_block(&mut ext, commits);
	assert_eq!(resolved, 0);
	assert!((recorded as u64) <= budget().proof_size(), "commit block: {recorded} over budget");
	// The commit phase runs its whole window, and until `f + 1` distinct authors authored
	// (these blocks carry no author, so for `MaxAuthorSpan` blocks): empty blocks, each with a
	// round check, until the check that opens reveals.
	let span = <Runtime as pallet_oracle_aggregation::Config>::MaxAuthorSpan::get();
	let revealing = |ext: &mut sp_io::TestExternalities| {
		ext.execute_with(|| {
			let state = OracleAggregation::state(0).expect("feed 0 exists");
			state.open.is_some_and(|open| open.reveal_from.is_some())
		})
	};
	for _ in 0..span + 8 {
		if revealing(&mut ext) {
			break;
		}
		let (resolved, recorded) = prove_block(&mut ext, Vec::new());
		assert_eq!(resolved, 0);
		assert!((recorded as u64) <= budget().proof_size(), "commit window: {recorded} over");
	}
	assert!(revealing(&mut ext), "not revealing");
	let reveals = ext.execute_with(|| reports_of(Kind::Reveal, round_id, System::block_number()));
	let (resolved, recorded) = prove_block(&mut ext, reveals);
	assert_eq!(resolved, FEEDS as usize);
	assert!((recorded as u64) <= budget().proof_size(), "reveal block: {recorded} over budget");
	ext.execute_with(|| {
		pallet_oracle_aggregation::Pallet::<Runtime>::do_try_state().expect("invariants hold")
	});
}

/// The offchain worker's memory bound (`docs/oracle-aggregation.md`) was measured by the
/// aggregation pallet's `a_run_at_the_largest_configuration_holds_a_bounded_amount_of_memory`
/// at 1,000 feeds of 10 sources and 256 requests a run, all bodies at the 64 KiB limit: this
/// runtime must not allow more than that test measured.
#[test]
fn the_offchain_workers_largest_configuration_is_the_one_measured() {
	use pallet_oracle_aggregation::offchain::MAX_BODY;
	assert_eq!(crate::configs::MaxFeeds::get(), FEEDS);
	assert_eq!(crate::configs::MaxSources::get(), 10);
	assert_eq!(crate::configs::MaxRequestsPerRun::get(), 256);
	assert_eq!(MAX_BODY, 64 * 1024);
	// What the worker holds of bodies at most: 16 MiB of the 128 MiB heap.
	let held = crate::configs::MaxRequestsPerRun::get() as usize * MAX_BODY;
	assert_eq!(held, 16 * 1024 * 1024);
	assert!(crate::configs::MinPollInterval::get() >= 1);
}
