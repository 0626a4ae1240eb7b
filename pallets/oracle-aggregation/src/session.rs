//! The operators and their blocks: the session's operators and their `oracle` keys, the
//! blocks each one authored (for counting distinct authors), and the session handler.

use super::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{FindAuthor, OneSessionHandler},
};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// The operators of the current session with their `oracle` keys.
	pub fn operators() -> BoundedVec<(T::AccountId, T::AuthorityId), T::MaxOperators> {
		Operators::<T>::get()
	}

	/// Records the author of block `now` in [`LastAuthored`]. Returns the weight used.
	pub(crate) fn note_author(now: BlockNumberFor<T>) -> Weight {
		let db = T::DbWeight::get();
		let digest = frame_system::Pallet::<T>::digest();
		let pre_runtime = digest.logs().iter().filter_map(|item| item.as_pre_runtime());
		let Some(author) = T::FindAuthor::find_author(pre_runtime) else {
			return db.reads(1);
		};
		LastAuthored::<T>::mutate(|authors| {
			if let Some(entry) = authors.iter_mut().find(|(a, _)| *a == author) {
				entry.1 = now;
				return;
			}
			if authors.is_full() {
				// The author seen longest ago makes room.
				if let Some(oldest) = authors
					.iter()
					.enumerate()
					.min_by_key(|(_, (_, at))| *at)
					.map(|(index, _)| index)
				{
					authors.remove(oldest);
				}
			}
			// Room was made if the set was full.
			let _ = authors.try_push((author, now));
		});
		db.reads_writes(2, 1).saturating_add(proof_of::<LastAuthoredOf<T>>(1))
	}

	/// How many distinct authors in `authors` ([`LastAuthored`]) authored a block after
	/// block `from`.
	pub(crate) fn authors_since(
		authors: &[(T::AccountId, BlockNumberFor<T>)],
		from: BlockNumberFor<T>,
	) -> u32 {
		u32::try_from(authors.iter().filter(|(_, at)| *at > from).count()).unwrap_or(u32::MAX)
	}

	/// The block by which `faults + 1` distinct operators had authored blocks after `from`,
	/// as far as `authors` (each operator's last authored block) tell: the `faults + 1`-th
	/// earliest of their last blocks after `from`, never earlier than the true one. `None`
	/// while fewer have.
	pub(crate) fn spanned_at(
		authors: &[(T::AccountId, BlockNumberFor<T>)],
		from: BlockNumberFor<T>,
		faults: u32,
	) -> Option<BlockNumberFor<T>> {
		let mut last: Vec<BlockNumberFor<T>> =
			authors.iter().filter(|(_, at)| *at > from).map(|(_, at)| *at).collect();
		last.sort_unstable();
		last.get(usize::try_from(faults).ok()?).copied()
	}

	/// Replace the stored operator set with `validators`, cut to [`Config::MaxOperators`],
	/// and forget the values of accounts that are no longer operators.
	pub(crate) fn set_operators<'a, I>(validators: I)
	where
		I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)>,
		T::AccountId: 'a,
	{
		let all: Vec<_> = validators.map(|(account, key)| (account.clone(), key)).collect();
		let total = all.len();
		let bounded = BoundedVec::<_, T::MaxOperators>::truncate_from(all);
		if bounded.len() < total {
			log::warn!(
				target: LOG_TARGET,
				"session has {} validators but at most {} operators are kept; raise MaxOperators",
				total,
				T::MaxOperators::get(),
			);
		}
		// Values are kept only for current operators, so at most `MaxOperators` sets.
		let gone: Vec<T::AccountId> = Submissions::<T>::iter_keys()
			.filter(|account| !bounded.iter().any(|(a, _)| a == account))
			.collect();
		for account in gone {
			Submissions::<T>::remove(account);
		}
		// An operator that stays keeps its start; one that joins starts now, and is not
		// expected to answer rounds opened before.
		let now = frame_system::Pallet::<T>::block_number();
		let previous = Operators::<T>::get();
		let previous_since = OperatorsSince::<T>::get();
		let since: Vec<BlockNumberFor<T>> = bounded
			.iter()
			.map(|(account, _)| {
				match previous.iter().position(|(a, _)| a == account) {
					// Staying (with no start recorded before this was kept: from the start).
					Some(index) => previous_since.get(index).copied().unwrap_or_default(),
					None => now,
				}
			})
			.collect();
		let (faults, _) = Self::fault_tolerance(u32::try_from(bounded.len()).unwrap_or(u32::MAX));
		if bounded.len() > 1
			&& u32::try_from(bounded.len()).unwrap_or(u32::MAX)
				== faults.saturating_mul(3).saturating_add(1)
		{
			log::warn!(
				target: LOG_TARGET,
				"{} operators tolerate {} faulty ones with no slack: one honest operator down lets the faulty ones hold rounds back; {} operators would leave room for one",
				bounded.len(),
				faults,
				bounded.len().saturating_add(1),
			);
		}
		OperatorsSince::<T>::put(BoundedVec::truncate_from(since));
		Operators::<T>::put(bounded);
	}
}

impl<T: Config> sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
	type Public = T::AuthorityId;
}

impl<T: Config> OneSessionHandler<T::AccountId> for Pallet<T> {
	type Key = T::AuthorityId;

	fn on_genesis_session<'a, I>(validators: I)
	where
		I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)> + 'a,
	{
		Self::set_operators(validators);
	}

	fn on_new_session<'a, I>(_changed: bool, validators: I, _queued_validators: I)
	where
		I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)> + 'a,
	{
		// Stored even when unchanged: a runtime upgrade may have changed `MaxOperators`.
		Self::set_operators(validators);
	}

	fn on_disabled(_validator_index: u32) {}
}

/// The operators taking turns by block number, one block each, as Aura's authors do when no
/// slot is skipped: the block author of simulations of the chain.
pub struct OperatorsInTurn<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::FindAuthor<T::AccountId> for OperatorsInTurn<T> {
	fn find_author<'a, I>(_digests: I) -> Option<T::AccountId>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		use sp_runtime::SaturatedConversion;
		let operators = Operators::<T>::get();
		let now: u64 = frame_system::Pallet::<T>::block_number().saturated_into();
		let count = u64::try_from(operators.len()).ok().filter(|count| *count > 0)?;
		let turn = usize::try_from(now.checked_rem(count)?).ok()?;
		operators.get(turn).map(|(account, _)| account.clone())
	}
}
