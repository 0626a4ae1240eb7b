//! Pushes: which rounds are due for a subscription, the message that carries them, sending it
//! within the block's pushes, feed states told to subscribers, and the judged rounds and feed
//! changes this pallet is told about.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use frame_system::pallet_prelude::*;
use oracle_primitives::{
	find, find_mut,
	rounds::{FeedStates, JudgedRound, OnFeedChanged, OnRoundsJudged},
	FeedStatus,
};
use sp_runtime::traits::Saturating;
use xcm::latest::{prelude::*, XcmHash};

impl<T: Config> Pallet<T> {
	/// Whether a resolved `value` of a feed is due under `trigger` at block `now`.
	pub fn due(
		trigger: &Trigger<BlockNumberFor<T>>,
		entry: &FeedDelivery<BlockNumberFor<T>>,
		value: Value,
		now: BlockNumberFor<T>,
	) -> bool {
		match trigger {
			Trigger::EveryRound => true,
			Trigger::Deviation { threshold, heartbeat } => {
				entry.sent_round == 0
					|| now.saturating_sub(entry.sent_at) >= *heartbeat
					|| value.abs_diff(entry.sent_value)
						>= threshold.mul_ceil(entry.sent_value.unsigned_abs())
			},
		}
	}

	/// The message that calls `target` with `rounds` and feed `states` on the subscriber.
	pub fn message(
		target: CallTarget,
		rounds: &[DeliveredRound],
		states: &[StatusUpdate],
	) -> Xcm<()> {
		let size = rounds.encoded_size().saturating_add(states.encoded_size());
		let mut call = Vec::with_capacity(size.saturating_add(2));
		call.push(target.pallet_index);
		call.push(target.call_index);
		rounds.encode_to(&mut call);
		states.encode_to(&mut call);
		Xcm(alloc::vec![
			UnpaidExecution { weight_limit: Limited(target.max_weight), check_origin: None },
			Transact { origin_kind: OriginKind::Xcm, fallback_max_weight: None, call: call.into() },
		])
	}

	/// Sends `rounds` and `states` for subscription `id` of `para` if the block has a push
	/// left (`pushes` counts them against [`Config::MaxPushesPerBlock`]; beyond, the send is
	/// `Deferred`), and records the outcome on `sub`: a success clears its failures, a
	/// failure is counted, kept as its last and reported by `DeliveryFailed`.
	pub(crate) fn push_one(
		para: ParaId,
		id: SubscriptionId,
		sub: &mut SubscriptionOf<T>,
		rounds: &[DeliveredRound],
		states: &[StatusUpdate],
		pushes: &mut u32,
		now: BlockNumberFor<T>,
	) -> Result<XcmHash, SendFailure> {
		let sent = if *pushes < T::MaxPushesPerBlock::get() {
			pushes.saturating_inc();
			Self::send(para, sub, rounds, states)
		} else {
			Err(SendFailure::Deferred)
		};
		match sent {
			Ok(_) => {
				sub.delivered.saturating_inc();
				sub.failures = 0;
				sub.last_failure = None;
			},
			Err(failure) => {
				sub.failures.saturating_inc();
				sub.last_failure = Some((now, failure));
				Self::deposit_event(Event::DeliveryFailed { para, subscription: id, failure });
			},
		}
		sent
	}

	/// Sends `rounds` and feed `states` to `para` for a subscription, taking the fee from its
	/// owner.
	pub(crate) fn send(
		para: ParaId,
		sub: &SubscriptionOf<T>,
		rounds: &[DeliveredRound],
		states: &[StatusUpdate],
	) -> Result<XcmHash, SendFailure> {
		let fee = T::DeliveryFee::get();
		if let Some(owner) = &sub.owner {
			let spendable =
				T::Currency::reducible_balance(owner, Preservation::Preserve, Fortitude::Polite);
			if spendable < fee {
				return Err(SendFailure::Unpaid);
			}
		}
		let destination = Location::new(1, [Parachain(para)]);
		let (hash, _price) =
			send_xcm::<T::XcmRouter>(destination, Self::message(sub.target, rounds, states))?;
		if let Some(owner) = &sub.owner {
			// Cannot fail: the owner had the fee to spend just before the send.
			let _ = T::Currency::burn_from(
				owner,
				fee,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			);
		}
		Ok(hash)
	}

	/// Pushes the rounds resolved in a block to the subscriptions that are due.
	pub fn push(outcomes: &[JudgedRound]) -> Weight {
		if !outcomes.iter().any(|outcome| outcome.value.is_some()) {
			return Weight::zero();
		}
		let now = frame_system::Pallet::<T>::block_number();
		let mut pushes = Self::pushes_in(now);
		let mut subscriptions: Vec<_> = Subscriptions::<T>::iter().collect();
		// Those deferred last time go first, so that none waits behind the others for ever.
		subscriptions.sort_by_key(|(_, _, sub)| {
			!matches!(sub.last_failure, Some((_, SendFailure::Deferred)))
		});
		let examined = subscriptions.len() as u32;
		for (para, id, mut sub) in subscriptions {
			let mut touched = false;
			for entry in sub.feeds.iter_mut() {
				// Outcomes come ascending by feed, one per feed.
				let Some(outcome) = find(outcomes, entry.feed_id) else { continue };
				let Some(value) = outcome.value else { continue };
				if outcome.round_id <= entry.sent_round {
					continue;
				}
				touched = true;
				if Self::due(&sub.trigger, entry, value, now) {
					entry.pending = Some(PendingRound {
						feed_id: entry.feed_id,
						round_id: outcome.round_id,
						value,
						decimals: outcome.decimals,
						timestamp_ms: outcome.closed_at_ms,
						sla: outcome.sla,
					});
				}
			}
			let rounds: Vec<DeliveredRound> = sub
				.feeds
				.iter()
				.filter_map(|entry| entry.pending.map(|round| round.delivered(entry.fingerprint)))
				.collect();
			if !touched || rounds.is_empty() {
				continue;
			}
			if let Ok(message) = Self::push_one(para, id, &mut sub, &rounds, &[], &mut pushes, now)
			{
				for entry in sub.feeds.iter_mut() {
					if let Some(round) = entry.pending.take() {
						entry.sent_round = round.round_id;
						entry.sent_value = round.value;
						entry.sent_at = now;
					}
				}
				if sub.states_unsent {
					// The subscriber is reachable again: its states go next block.
					StatesChanged::<T>::put(true);
				}
				Self::deposit_event(Event::RoundsDelivered {
					para,
					subscription: id,
					rounds: rounds.len() as u32,
					message,
				});
			}
			Subscriptions::<T>::insert(para, id, sub);
		}
		PushesInBlock::<T>::put((now, pushes));
		T::WeightInfo::rounds_resolved(examined)
	}

	/// Tells every subscription the states of its feeds that changed since it was last told:
	/// one message each, at most [`Config::MaxPushesPerBlock`] (the others next block, first).
	/// A paused or removed feed's pending round is dropped. A subscription whose message is
	/// not sent is told again in the block after its next push of rounds goes out, or
	/// [`STATES_RETRY`] blocks later. Returns the number of subscriptions examined.
	pub fn push_states() -> u32 {
		StatesChanged::<T>::kill();
		let now = frame_system::Pallet::<T>::block_number();
		let mut pushes = Self::pushes_in(now);
		StatesRetryAt::<T>::kill();
		let statuses = T::Feeds::statuses();
		let mut subscriptions: Vec<_> = Subscriptions::<T>::iter().collect();
		// Those deferred last time go first, so that none waits behind the others for ever.
		subscriptions.sort_by_key(|(_, _, sub)| {
			!matches!(sub.last_failure, Some((_, SendFailure::Deferred)))
		});
		let examined = subscriptions.len() as u32;
		for (para, id, mut sub) in subscriptions {
			let mut updates: Vec<StatusUpdate> = Vec::new();
			let mut dropped = false;
			for entry in sub.feeds.iter_mut() {
				let state = Self::state(&statuses, entry.feed_id);
				if state != FeedState::Active && entry.pending.is_some() {
					// A round resolved before the pause goes no further.
					entry.pending = None;
					dropped = true;
				}
				if state != entry.told {
					updates.push(StatusUpdate { feed_id: entry.feed_id, state });
				}
			}
			if updates.is_empty() {
				if dropped {
					Subscriptions::<T>::insert(para, id, sub);
				}
				continue;
			}
			match Self::push_one(para, id, &mut sub, &[], &updates, &mut pushes, now) {
				Ok(message) => {
					for entry in sub.feeds.iter_mut() {
						if let Some(update) =
							updates.iter().find(|update| update.feed_id == entry.feed_id)
						{
							entry.told = update.state;
						}
					}
					sub.states_unsent = false;
					Self::deposit_event(Event::StatesDelivered {
						para,
						subscription: id,
						states: updates.len() as u32,
						message,
					});
				},
				Err(SendFailure::Deferred) => StatesChanged::<T>::put(true),
				Err(_) => {
					sub.states_unsent = true;
					if StatesRetryAt::<T>::get().is_none() {
						StatesRetryAt::<T>::put(now.saturating_add(STATES_RETRY.into()));
					}
				},
			}
			Subscriptions::<T>::insert(para, id, sub);
		}
		PushesInBlock::<T>::put((now, pushes));
		examined
	}

	/// Gives every subscription's entry of `feed_id` the configuration `fingerprint`,
	/// dropping a round pending from another configuration. Returns the number of
	/// subscriptions examined.
	pub fn reconfigure(feed_id: FeedId, fingerprint: ConfigFingerprint) -> u32 {
		let subscriptions: Vec<_> = Subscriptions::<T>::iter().collect();
		let examined = subscriptions.len() as u32;
		for (para, id, mut sub) in subscriptions {
			let Some(entry) = find_mut(sub.feeds.as_mut(), feed_id) else { continue };
			if entry.fingerprint == fingerprint {
				continue;
			}
			entry.fingerprint = fingerprint;
			// It resolved under the configuration before.
			entry.pending = None;
			Subscriptions::<T>::insert(para, id, sub);
		}
		examined
	}

	/// The messages tried in block `now` so far.
	pub(crate) fn pushes_in(now: BlockNumberFor<T>) -> u32 {
		let (at, pushes) = PushesInBlock::<T>::get();
		if at == now {
			pushes
		} else {
			0
		}
	}
}

/// The rounds come judged, with their summaries, from the SLA pallet.
impl<T: Config> OnRoundsJudged for Pallet<T> {
	fn on_rounds_judged(rounds: &[JudgedRound]) -> Weight {
		Self::push(rounds)
	}
}

impl<T: Config> OnFeedChanged for Pallet<T> {
	/// A removed feed never resolves again: its subscribers are told next block.
	fn on_feed_removed(_feed_id: FeedId) {
		StatesChanged::<T>::put(true);
	}

	/// Its subscribers are told next block.
	fn on_feed_status_changed(_feed_id: FeedId, _status: FeedStatus) {
		StatesChanged::<T>::put(true);
	}

	/// Every subscription's entry of the feed takes the new fingerprint; a round pending
	/// from the configuration before is dropped.
	fn on_feed_updated(feed_id: FeedId, fingerprint: ConfigFingerprint) {
		Self::reconfigure(feed_id, fingerprint);
	}

	/// With every subscription naming the feed.
	fn feed_updated_weight() -> Weight {
		T::WeightInfo::feed_updated(T::MaxSubscriptions::get())
	}
}
