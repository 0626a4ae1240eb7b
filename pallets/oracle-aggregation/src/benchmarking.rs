//! Benchmarks of the calls and of round resolution, each in its worst case.

use super::*;
use crate::{commit_reveal::commitment, feed_config::*, hosts::HostRules, types::*};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Balanced, Inspect},
		Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{One, Saturating, TrailingZeroInput},
	Permill,
};

fn text<S: Get<u32>>(prefix: &str, index: u32) -> BoundedVec<u8, S> {
	let mut bytes = alloc::format!("{prefix}{index}").into_bytes();
	// Pad to the maximum length with a character that is valid everywhere.
	bytes.resize(S::get() as usize, b'a');
	BoundedVec::truncate_from(bytes)
}

/// A valid configuration as large as it can be: every source, every field at its longest.
fn max_config<T: Config>() -> FeedConfigOf<T> {
	let sources: Vec<Source> = (0..T::MaxSources::get())
		.map(|i| {
			let mut url = alloc::format!("https://source{i}.example.com/").into_bytes();
			url.resize(<MaxUrlLen as Get<u32>>::get() as usize, b'a');
			let mut path = b"result.list[0].".to_vec();
			path.resize(<MaxPathLen as Get<u32>>::get() as usize, b'a');
			Source {
				name: text("source", i),
				url: BoundedVec::truncate_from(url),
				json_path: BoundedVec::truncate_from(path),
				transform: Transform { shift: -2, invert: true },
				weight: 1,
				api_key: Some(ApiKey { header: text("x-key-", i), secret: text("secret", i) }),
			}
		})
		.collect();
	FeedConfig {
		name: text("FEED/", 0),
		decimals: 8,
		sources: BoundedVec::truncate_from(sources),
		min_sources: 1,
		max_source_deviation: Permill::from_percent(5),
		source_aggregation: SourceAggregation::WeightedMean,
		aggregation: Aggregation::Median,
		quorum: 1,
		resolution_delay: Pallet::<T>::min_answer_window(),
		round_timeout: Pallet::<T>::min_answer_window() + 10u32.into(),
		heartbeat: 10u32.into(),
		deviation_threshold: Permill::from_percent(1),
		buffer_len: T::MaxBufferLen::get(),
		min_value: 1,
		max_value: 1_000_000_000_000,
		max_age: 100u32.into(),
		commit_reveal: false,
		poll_interval: 0,
	}
}

/// Creates feeds of the largest configuration until there are `count` (genesis feeds count).
fn create_feeds<T: Config>(count: u32) {
	while (States::<T>::decode_len().unwrap_or(0) as u32) < count {
		Pallet::<T>::do_create_feed(max_config::<T>()).expect("below MaxFeeds; qed");
	}
}

/// `count` operators with distinct accounts and keys, stored as the session's operators.
fn set_operators<T: Config>(count: u32) -> Vec<(T::AccountId, T::AuthorityId)> {
	let operators: Vec<(T::AccountId, T::AuthorityId)> = (0..count)
		.map(|i| {
			let account = account("operator", i, 0);
			let key = T::AuthorityId::decode(&mut TrailingZeroInput::new(&(i, 7u8).encode()))
				.expect("any bytes decode into a key of zero-padded input; qed");
			(account, key)
		})
		.collect();
	Operators::<T>::put(BoundedVec::truncate_from(operators.clone()));
	operators
}

/// Gives `account` values for the open round of `feeds`.
fn hold<T: Config>(account: &T::AccountId, feeds: impl Iterator<Item = FeedId>) {
	let now = frame_system::Pallet::<T>::block_number();
	let values: Vec<_> = feeds
		.map(|feed_id| Submission {
			feed_id,
			round_id: 1,
			answer: Answered::Value { value: 100, in_bounds: true },
			at: now,
		})
		.collect();
	Submissions::<T>::insert(account, BoundedVec::truncate_from(values));
}

/// A round that resolved 100 on its own.
fn resolved_round<T: Config>(round_id: RoundId) -> RoundData<BlockNumberFor<T>> {
	RoundData {
		round_id,
		value: 100,
		running_mean: 100,
		started_at: One::one(),
		updated_at: One::one(),
		updated_at_ms: 0,
		answered_in_round: round_id,
		submissions: 1,
		out_of_bounds: 0,
	}
}

/// Makes rounds `rounds` of each of the first `feeds` feeds resolved rounds of value 100, the
/// last of them the latest.
fn fill_buffers<T: Config>(feeds: u32, rounds: &[RoundId]) {
	let mut states = States::<T>::get();
	let latest = rounds.iter().copied().max().unwrap_or(0);
	for state in states.iter_mut().take(feeds as usize) {
		for round_id in rounds {
			Rounds::<T>::insert(state.feed_id, round_id, resolved_round::<T>(*round_id));
		}
		let round = resolved_round::<T>(latest);
		state.latest_round = latest;
		state.buffer_sum = 100 * rounds.len() as i128;
		state.buffer_count = rounds.len() as u32;
		state.answer = LastAnswer {
			value: round.value,
			round_id: latest,
			updated_at: round.updated_at,
			updated_at_ms: round.updated_at_ms,
		};
		Latest::<T>::mutate(state.feed_id, |entry| {
			if let Some(entry) = entry {
				entry.round = Some(round);
			}
		});
	}
	Pallet::<T>::put_states(states);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_feed() {
		// One feed short of the maximum.
		create_feeds::<T>(T::MaxFeeds::get().saturating_sub(1));
		let config = max_config::<T>();
		#[extrinsic_call]
		_(RawOrigin::Root, config);
		assert_eq!(States::<T>::get().len() as u32, T::MaxFeeds::get());
	}

	#[benchmark]
	fn update_feed() {
		create_feeds::<T>(T::MaxFeeds::get());
		// A full buffer shrinks to one round: every other round is dropped or recounted.
		let buffer = T::MaxBufferLen::get();
		let rounds: Vec<RoundId> = (1..=buffer).collect();
		fill_buffers::<T>(1, &rounds);
		let mut config = max_config::<T>();
		config.buffer_len = 1;
		#[extrinsic_call]
		_(RawOrigin::Root, 0, config);
		assert_eq!(Pallet::<T>::state(0).map(|s| s.buffer_count), Some(1));
	}

	#[benchmark]
	fn set_feed_status() {
		create_feeds::<T>(T::MaxFeeds::get());
		#[extrinsic_call]
		_(RawOrigin::Root, 0, FeedStatus::Paused);
		assert_eq!(Pallet::<T>::state(0).map(|s| s.status), Some(FeedStatus::Paused));
	}

	#[benchmark]
	fn set_host_rules() {
		let rules = HostRules { allow_loopback: !SourceHostRules::<T>::get().allow_loopback };
		#[extrinsic_call]
		_(RawOrigin::Root, rules);
		assert_eq!(SourceHostRules::<T>::get(), rules);
	}

	#[benchmark]
	fn remove_feed() {
		create_feeds::<T>(T::MaxFeeds::get());
		let rounds: Vec<RoundId> = (1..=T::MaxBufferLen::get()).collect();
		fill_buffers::<T>(1, &rounds);
		// Every operator holds a value for it, among values for as many other feeds as there
		// can be.
		let others = T::MaxFeeds::get().saturating_sub(1);
		for (account, _) in set_operators::<T>(T::MaxOperators::get()) {
			hold::<T>(&account, 0..=others);
		}
		#[extrinsic_call]
		_(RawOrigin::Root, 0);
		assert!(Pallet::<T>::state(0).is_none());
	}

	/// A report of `v` reveals by the last of `MaxOperators` operators, with `MaxFeeds` feeds
	/// with commit–reveal in their reveal phase, whose commitments to every feed fill the
	/// operator's set: each reveal is checked against its commitment by hashing (a plain value
	/// costs less: no hash).
	#[benchmark]
	fn submit(v: Linear<1, { T::MaxFeeds::get() }>) {
		let max = T::MaxFeeds::get();
		create_feeds::<T>(max);
		let now = frame_system::Pallet::<T>::block_number();
		let mut states = States::<T>::get();
		for state in states.iter_mut() {
			state.params.commit_reveal = true;
			state.open = Some(OpenRound {
				round_id: 1,
				started_at: now,
				opened_at: now,
				submissions: 1,
				reveal_from: Some(now),
			});
			Feeds::<T>::mutate(state.feed_id, |config| {
				if let Some(config) = config {
					config.commit_reveal = true;
				}
			});
		}
		Pallet::<T>::put_states(states);
		let operators = set_operators::<T>(T::MaxOperators::get());
		let (account, key) = operators.last().cloned().expect("MaxOperators > 0; qed");
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::from(0u32));
		let salt = [7u8; 16];
		let committed: Vec<_> = (0..max)
			.map(|feed_id| Submission {
				feed_id,
				round_id: 1,
				answer: Answered::Committed(commitment(&genesis, feed_id, 1, 100, &salt, &account)),
				at: now,
			})
			.collect();
		Submissions::<T>::insert(&account, BoundedVec::truncate_from(committed));
		let values: Vec<ReportValue> = (0..v)
			.map(|feed_id| ReportValue {
				feed_id,
				round_id: 1,
				answer: ReportAnswer::Reveal { value: 100, salt },
			})
			.collect();
		let report = Report {
			key: key.clone(),
			at: frame_system::Pallet::<T>::block_number(),
			values: BoundedVec::truncate_from(values),
		};
		// The call does not check the signature (the pool does); any decodable one will do.
		let signature = <T::AuthorityId as sp_runtime::RuntimeAppPublic>::Signature::decode(
			&mut TrailingZeroInput::zeroes(),
		)
		.expect("zeroes decode into a signature; qed");
		#[extrinsic_call]
		_(RawOrigin::None, report, signature);
		let held = Submissions::<T>::get(&account);
		assert_eq!(held.len() as u32, max);
		assert_eq!(held.iter().filter(|s| !s.is_commitment()).count() as u32, v);
	}

	#[benchmark]
	fn request_round() {
		create_feeds::<T>(T::MaxFeeds::get());
		let caller: T::AccountId = whitelisted_caller();
		let fee = T::RoundRequestFee::get();
		let funds = fee.saturating_add(fee).saturating_add(T::Currency::minimum_balance());
		let _ = <T::Currency as Balanced<T::AccountId>>::deposit(
			&caller,
			funds,
			frame_support::traits::tokens::Precision::BestEffort,
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0);
		assert_eq!(Pallet::<T>::state(0).map(|s| s.requested), Some(true));
	}

	/// A block in which no round is due.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number();
		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
	}

	/// `o` operators answered every one of `f` of `MaxFeeds` feeds; every round resolves by
	/// median, evicting a round from a full buffer.
	#[benchmark]
	fn check_rounds(
		o: Linear<1, { T::MaxOperators::get() }>,
		f: Linear<1, { T::MaxFeeds::get() }>,
	) {
		create_feeds::<T>(T::MaxFeeds::get());
		let buffer = T::MaxBufferLen::get();
		let rounds: Vec<RoundId> = if buffer > 1 { alloc::vec![1, buffer] } else { alloc::vec![1] };
		fill_buffers::<T>(f, &rounds);
		let now = frame_system::Pallet::<T>::block_number();
		let operators = set_operators::<T>(o);
		// Every operator authored a block: each closed round looks for the block by which
		// `f + 1` of them had.
		LastAuthored::<T>::put(BoundedVec::truncate_from(
			operators.iter().map(|(account, _)| (account.clone(), now)).collect::<Vec<_>>(),
		));
		for (index, (account, _)) in operators.into_iter().enumerate() {
			let values: Vec<_> = (0..f)
				.map(|feed_id| Submission {
					feed_id,
					round_id: buffer.saturating_add(1),
					// Twice the last value: every answer witnesses the move, so the round is
					// due and the trigger counts every witness.
					answer: Answered::Value {
						value: 200i128.saturating_add(index as i128),
						in_bounds: true,
					},
					at: now,
				})
				.collect();
			Submissions::<T>::insert(&account, BoundedVec::truncate_from(values));
		}
		NextCheck::<T>::put(now);
		let later = now + BlockNumberFor::<T>::from(1u32);
		#[block]
		{
			Pallet::<T>::check_rounds(later);
		}
		assert_eq!(Pallet::<T>::state(0).map(|s| s.latest_round), Some(buffer.saturating_add(1)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext().0, crate::mock::Test);
}
