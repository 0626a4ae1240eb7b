//! Benchmarks of the calls and of round resolution, each in its worst case.

use super::*;
use crate::types::*;
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
		resolution_delay: 1u32.into(),
		round_timeout: 10u32.into(),
		heartbeat: 10u32.into(),
		deviation_threshold: Permill::from_percent(1),
		buffer_len: T::MaxBufferLen::get(),
		min_value: 1,
		max_value: 1_000_000_000_000,
		max_age: 100u32.into(),
	}
}

fn create_feeds<T: Config>(count: u32) {
	for _ in 0..count {
		let _ = Pallet::<T>::do_create_feed(max_config::<T>());
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
		.map(|feed_id| Submission { feed_id, round_id: 1, value: 100, at: now, in_bounds: true })
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

/// Fills the running buffer of `feed_id` so that the next round evicts one.
fn fill_buffer<T: Config>(feed_id: FeedId) {
	let Some(mut state) = States::<T>::get(feed_id) else { return };
	let latest = state.params.buffer_len;
	for round_id in [1, latest] {
		Rounds::<T>::insert(feed_id, round_id, resolved_round::<T>(round_id));
	}
	state.latest_round = latest;
	state.buffer_sum = 200;
	state.buffer_count = 2;
	States::<T>::insert(feed_id, state);
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
		assert_eq!(FeedCount::<T>::get(), T::MaxFeeds::get());
	}

	#[benchmark]
	fn update_feed() {
		create_feeds::<T>(1);
		// A full buffer shrinks to one round: every other round is dropped or recounted.
		let buffer = T::MaxBufferLen::get();
		let mut state = States::<T>::get(0).expect("created above; qed");
		for round_id in 1..=buffer {
			Rounds::<T>::insert(0, round_id, resolved_round::<T>(round_id));
		}
		state.latest_round = buffer;
		state.buffer_sum = 100 * i128::from(buffer);
		state.buffer_count = buffer;
		States::<T>::insert(0, state);
		let mut config = max_config::<T>();
		config.buffer_len = 1;
		#[extrinsic_call]
		_(RawOrigin::Root, 0, config);
		assert_eq!(States::<T>::get(0).map(|s| s.buffer_count), Some(1));
	}

	#[benchmark]
	fn set_feed_status() {
		create_feeds::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Root, 0, FeedStatus::Paused);
		assert_eq!(States::<T>::get(0).map(|s| s.status), Some(FeedStatus::Paused));
	}

	#[benchmark]
	fn remove_feed() {
		create_feeds::<T>(1);
		let buffer = T::MaxBufferLen::get();
		for round_id in 1..=buffer {
			Rounds::<T>::insert(0, round_id, resolved_round::<T>(round_id));
		}
		// Every operator holds a value for it, among values for as many other feeds as there
		// can be.
		let others = T::MaxFeeds::get().saturating_sub(1);
		for (account, _) in set_operators::<T>(T::MaxOperators::get()) {
			hold::<T>(&account, 0..=others);
		}
		#[extrinsic_call]
		_(RawOrigin::Root, 0);
		assert!(States::<T>::get(0).is_none());
	}

	/// A report of `v` values by the last of `MaxOperators` operators, whose held values for
	/// the other feeds fill its set.
	///
	/// The proof is measured: a report reads the state of each of its feeds, and with all
	/// `MaxFeeds` feeds in storage the measured proof shares the trie's branch nodes between
	/// them, where the per-read worst-case estimate would count them once per feed.
	#[benchmark(pov_mode = Measured)]
	fn submit(v: Linear<1, { T::MaxFeeds::get() }>) {
		let max = T::MaxFeeds::get();
		create_feeds::<T>(max);
		let operators = set_operators::<T>(T::MaxOperators::get());
		let (account, key) = operators.last().cloned().expect("MaxOperators > 0; qed");
		hold::<T>(&account, v..max);
		let values: Vec<ReportValue> =
			(0..v).map(|feed_id| ReportValue { feed_id, round_id: 1, value: 100 }).collect();
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
		assert_eq!(Submissions::<T>::get(&account).len() as u32, max);
	}

	#[benchmark]
	fn request_round() {
		create_feeds::<T>(1);
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
		assert_eq!(States::<T>::get(0).map(|s| s.requested), Some(true));
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

	/// `o` operators answered every one of `f` feeds; every round resolves by median, evicting
	/// a round from a full buffer. The proof is measured, as for `submit`.
	#[benchmark(pov_mode = Measured)]
	fn check_rounds(
		o: Linear<1, { T::MaxOperators::get() }>,
		f: Linear<1, { T::MaxFeeds::get() }>,
	) {
		create_feeds::<T>(f);
		for feed_id in 0..f {
			fill_buffer::<T>(feed_id);
		}
		let buffer = T::MaxBufferLen::get();
		let now = frame_system::Pallet::<T>::block_number();
		for (index, (account, _)) in set_operators::<T>(o).into_iter().enumerate() {
			let values: Vec<_> = (0..f)
				.map(|feed_id| Submission {
					feed_id,
					round_id: buffer.saturating_add(1),
					value: 100i128.saturating_add(index as i128),
					at: now,
					in_bounds: true,
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
		assert_eq!(States::<T>::get(0).map(|s| s.latest_round), Some(buffer.saturating_add(1)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext().0, crate::mock::Test);
}
