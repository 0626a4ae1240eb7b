//! Subscriptions: who may manage them, their checks and deposits, and creating, changing and
//! removing them.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, DefensiveTruncateFrom},
};
use frame_system::pallet_prelude::*;
use oracle_primitives::{find, rounds::FeedStates, FeedStatus};
use sp_runtime::traits::Saturating;
use xcm::latest::prelude::*;
use xcm_executor::traits::ConvertLocation;

impl<T: Config> Pallet<T> {
	/// `None` for the admin origin, else the signer if it is `para`'s sovereign account.
	pub(crate) fn manager(
		origin: OriginFor<T>,
		para: ParaId,
	) -> Result<Option<T::AccountId>, DispatchError> {
		match T::AdminOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => {
				let who = ensure_signed(origin)?;
				ensure!(Self::sovereign(para).as_ref() == Some(&who), Error::<T>::NotSovereign);
				Ok(Some(who))
			},
		}
	}

	/// The sovereign account of parachain `para` here.
	pub fn sovereign(para: ParaId) -> Option<T::AccountId> {
		T::SiblingAccount::convert_location(&Location::new(1, [Parachain(para)]))
	}

	/// The deposit of a subscription with `feeds` feeds.
	pub fn deposit_for(feeds: u32) -> BalanceOf<T> {
		T::FeedDeposit::get()
			.saturating_mul(feeds.into())
			.saturating_add(T::SubscriptionDeposit::get())
	}

	/// A feed's state as subscribers are told it, from every feed's `statuses`.
	pub fn state(statuses: &[(FeedId, FeedStatus)], feed_id: FeedId) -> FeedState {
		match find(statuses, feed_id).map(|(_, status)| *status) {
			Some(FeedStatus::Active) => FeedState::Active,
			Some(FeedStatus::Paused) => FeedState::Paused,
			None => FeedState::Removed,
		}
	}

	/// The fingerprint of an existing feed's configuration.
	pub(crate) fn fingerprint(feed_id: FeedId) -> Result<ConfigFingerprint, DispatchError> {
		T::Feeds::fingerprint(feed_id).ok_or_else(|| Error::<T>::UnknownFeed.into())
	}

	/// Checks a subscription's feeds and trigger, and that no other subscription of `para`
	/// (but `except`) delivers one of the feeds to `target`; returns the feeds' states.
	pub(crate) fn check(
		para: ParaId,
		except: Option<SubscriptionId>,
		feeds: &FeedsOf<T>,
		target: CallTarget,
		trigger: &Trigger<BlockNumberFor<T>>,
	) -> Result<Vec<FeedState>, DispatchError> {
		ensure!(!feeds.is_empty(), Error::<T>::NoFeeds);
		ensure!(
			feeds.windows(2).all(|pair| match pair {
				[a, b] => a < b,
				_ => true,
			}),
			Error::<T>::UnsortedFeeds
		);
		let statuses = T::Feeds::statuses();
		let states: Vec<FeedState> =
			feeds.iter().map(|feed_id| Self::state(&statuses, *feed_id)).collect();
		ensure!(!states.contains(&FeedState::Removed), Error::<T>::UnknownFeed);
		if let Trigger::Deviation { threshold, heartbeat } = trigger {
			ensure!(
				!threshold.is_zero() && *heartbeat > BlockNumberFor::<T>::default(),
				Error::<T>::BadTrigger
			);
		}
		ensure!(
			target.max_weight.ref_time() > 0 && target.max_weight.proof_size() > 0,
			Error::<T>::NoDeliveryWeight
		);
		for (id, other) in Subscriptions::<T>::iter_prefix(para) {
			if Some(id) == except || !other.target.same_call(&target) {
				continue;
			}
			ensure!(
				!other.feeds.iter().any(|entry| feeds.binary_search(&entry.feed_id).is_ok()),
				Error::<T>::OverlappingFeeds
			);
		}
		Ok(states)
	}

	/// Creates a subscription for `para`, holding its deposit from `owner` if any.
	pub fn do_subscribe(
		para: ParaId,
		owner: Option<T::AccountId>,
		feeds: FeedsOf<T>,
		target: CallTarget,
		trigger: Trigger<BlockNumberFor<T>>,
	) -> Result<SubscriptionId, DispatchError> {
		let states = Self::check(para, None, &feeds, target, &trigger)?;
		let para_count = ParaSubscriptions::<T>::get(para);
		ensure!(
			para_count < T::MaxSubscriptionsPerPara::get(),
			Error::<T>::TooManyParaSubscriptions
		);
		let count = SubscriptionCount::<T>::get();
		ensure!(count < T::MaxSubscriptions::get(), Error::<T>::TooManySubscriptions);
		let id = NextSubscriptionId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let entries = feeds
			.iter()
			.map(|feed_id| Ok(FeedDelivery::new(*feed_id, Self::fingerprint(*feed_id)?)))
			.collect::<Result<Vec<_>, DispatchError>>()?;
		let deposit = match &owner {
			Some(owner) => {
				let deposit = Self::deposit_for(feeds.len() as u32);
				T::Currency::hold(&HoldReason::SubscriptionDeposit.into(), owner, deposit)?;
				deposit
			},
			None => Default::default(),
		};

		// The subscriber knows nothing of these feeds yet: any that does not run is told.
		if states.iter().any(|state| *state != FeedState::Active) {
			StatesChanged::<T>::put(true);
		}
		Subscriptions::<T>::insert(
			para,
			id,
			Subscription {
				owner: owner.clone(),
				deposit,
				target,
				trigger,
				// As many entries as feeds.
				feeds: BoundedVec::defensive_truncate_from(entries),
				delivered: 0,
				failures: 0,
				last_failure: None,
				states_unsent: false,
			},
		);
		ParaSubscriptions::<T>::insert(para, para_count.saturating_add(1));
		SubscriptionCount::<T>::put(count.saturating_add(1));
		NextSubscriptionId::<T>::put(next_id);
		Self::deposit_event(Event::Subscribed { para, subscription: id, owner, feeds });
		Ok(id)
	}

	/// The subscription, if `caller` may manage it (`None`: the admin origin).
	pub(crate) fn managed(
		para: ParaId,
		subscription: SubscriptionId,
		caller: &Option<T::AccountId>,
	) -> Result<SubscriptionOf<T>, DispatchError> {
		let sub =
			Subscriptions::<T>::get(para, subscription).ok_or(Error::<T>::UnknownSubscription)?;
		if caller.is_some() {
			ensure!(&sub.owner == caller, Error::<T>::NotOwner);
		}
		Ok(sub)
	}

	/// Changes a subscription, keeping what kept feeds delivered and adjusting the deposit.
	pub fn do_update_subscription(
		para: ParaId,
		subscription: SubscriptionId,
		caller: Option<T::AccountId>,
		feeds: FeedsOf<T>,
		target: CallTarget,
		trigger: Trigger<BlockNumberFor<T>>,
	) -> DispatchResult {
		let mut sub = Self::managed(para, subscription, &caller)?;
		let states = Self::check(para, Some(subscription), &feeds, target, &trigger)?;
		// A feed it keeps keeps what the receiver was told, unless the receiver changes; a
		// feed it adds starts as told active. Any feed whose state then differs is told.
		let same_receiver = sub.target.same_call(&target);
		let entries = feeds
			.iter()
			.map(|feed_id| {
				let kept = sub.feeds.iter().find(|entry| entry.feed_id == *feed_id).copied();
				Ok(match kept {
					Some(entry) if same_receiver => entry,
					Some(entry) => FeedDelivery { told: FeedState::Active, ..entry },
					None => FeedDelivery::new(*feed_id, Self::fingerprint(*feed_id)?),
				})
			})
			.collect::<Result<Vec<FeedDelivery<BlockNumberFor<T>>>, DispatchError>>()?;
		if let Some(owner) = &sub.owner {
			let deposit = Self::deposit_for(feeds.len() as u32);
			let reason = HoldReason::SubscriptionDeposit.into();
			if deposit > sub.deposit {
				T::Currency::hold(&reason, owner, deposit.saturating_sub(sub.deposit))?;
			} else if deposit < sub.deposit {
				T::Currency::release(
					&reason,
					owner,
					sub.deposit.saturating_sub(deposit),
					Precision::BestEffort,
				)?;
			}
			sub.deposit = deposit;
		}
		if entries.iter().zip(&states).any(|(entry, state)| entry.told != *state) {
			StatesChanged::<T>::put(true);
		}
		// As many entries as feeds.
		sub.feeds = BoundedVec::defensive_truncate_from(entries);
		sub.target = target;
		sub.trigger = trigger;
		Subscriptions::<T>::insert(para, subscription, sub);
		Self::deposit_event(Event::SubscriptionUpdated { para, subscription, feeds });
		Ok(())
	}

	/// Removes a subscription and releases its deposit.
	pub fn do_unsubscribe(
		para: ParaId,
		subscription: SubscriptionId,
		caller: Option<T::AccountId>,
	) -> DispatchResult {
		let sub = Self::managed(para, subscription, &caller)?;
		if let Some(owner) = &sub.owner {
			T::Currency::release(
				&HoldReason::SubscriptionDeposit.into(),
				owner,
				sub.deposit,
				Precision::BestEffort,
			)?;
		}
		Subscriptions::<T>::remove(para, subscription);
		ParaSubscriptions::<T>::mutate_exists(para, |count| {
			*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
		SubscriptionCount::<T>::mutate(|count| *count = count.saturating_sub(1));
		Self::deposit_event(Event::Unsubscribed { para, subscription });
		Ok(())
	}
}
