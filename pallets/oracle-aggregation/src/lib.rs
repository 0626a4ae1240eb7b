//! # Oracle aggregation pallet
//!
//! Price feeds are configured on chain; each operator's offchain worker fetches the feeds' HTTP
//! sources and submits signed values; on chain the submissions of a round are resolved by mean or
//! median into the feed's running buffer of rounds.
//!
//! ## Overview
//!
//! This part of the pallet keeps the **operator set**: the accounts elected by staking to collate
//! and operate the oracle in the current session, each with the `oracle` session key
//! ([`KEY_TYPE`], sr25519) that its node signs submissions with. The pallet is a session handler
//! (like `pallet-im-online`): `pallet-session` hands it the new validator set and their `oracle`
//! keys at every session change and it stores them, bounded by [`Config::MaxOperators`], in
//! [`Operators`].
//!
//! The building blocks of the feeds are here too, as plain functions that the offchain worker and
//! the chain share:
//!
//! - [`parse`]: finds a price in an exchange's JSON response by a path such as
//!   `result.XXBTZUSD.c[0]` and reads it into fixed point exactly (no floating point; NaN,
//!   Infinity and overflow refused; half-to-even rounding of extra digits);
//! - [`aggregate`]: median, mean, weighted mean and outlier rejection with checked arithmetic;
//! - [`types`]: a feed's configuration (sources, aggregation, quorum, timing, bounds) and its
//!   validation.
//!
//! ## How to use
//!
//! In the runtime, put the pallet into the session keys next to Aura and make it part of the
//! session handler:
//!
//! ```ignore
//! impl_opaque_keys! {
//!     pub struct SessionKeys {
//!         pub aura: Aura,
//!         pub oracle: OracleAggregation,
//!     }
//! }
//!
//! impl pallet_oracle_aggregation::Config for Runtime {
//!     type AuthorityId = pallet_oracle_aggregation::crypto::Public;
//!     type MaxOperators = ConstU32<100>;
//! }
//! ```
//!
//! An operator then generates its keys on its node (`author_rotateKeys`), registers them with
//! `session.setKeys`, and from the next session on it is listed in [`Operators`]:
//!
//! ```ignore
//! let operators = pallet_oracle_aggregation::Pallet::<Runtime>::operators();
//! assert!(operators.iter().any(|(account, _key)| account == &alice));
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod aggregate;
pub mod parse;
pub mod types;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use sp_core::crypto::KeyTypeId;

/// The key type of the `oracle` session key: `orcl`.
///
/// An operator's node holds the private key in its keystore and signs its submissions with it.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"orcl");

/// The application crypto of the `oracle` session key: sr25519 under [`KEY_TYPE`].
pub mod crypto {
	use super::KEY_TYPE;
	use sp_application_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, KEY_TYPE);
}

/// The public `oracle` key of an operator.
pub type OracleId = crypto::Public;

/// Where the pallet logs: `RUST_LOG=oracle=debug` or `-l oracle=debug` on the node.
pub const LOG_TARGET: &str = "oracle";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::OneSessionHandler};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::{traits::MaybeSerializeDeserialize, RuntimeAppPublic};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The `oracle` session key: the identifier an operator's submissions are signed with.
		type AuthorityId: Member
			+ Parameter
			+ RuntimeAppPublic
			+ Ord
			+ MaybeSerializeDeserialize
			+ MaxEncodedLen;

		/// The most operators a session can have. A larger validator set is cut to this size
		/// (and logged), so keep it at least as large as staking's validator count.
		#[pallet::constant]
		type MaxOperators: Get<u32>;
	}

	/// The operators of the current session, in session order, with their `oracle` keys.
	///
	/// Written by the session handler at genesis and at every session change.
	#[pallet::storage]
	pub type Operators<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, T::AuthorityId), T::MaxOperators>, ValueQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The operators of the current session with their `oracle` keys.
		pub fn operators() -> BoundedVec<(T::AccountId, T::AuthorityId), T::MaxOperators> {
			Operators::<T>::get()
		}

		/// The account and session position of the operator whose `oracle` key is `key`, if
		/// `key` belongs to a current operator.
		pub fn operator_of(key: &T::AuthorityId) -> Option<(u32, T::AccountId)> {
			Operators::<T>::get()
				.into_iter()
				.zip(0u32..)
				.find(|((_, k), _)| k == key)
				.map(|((account, _), index)| (index, account))
		}

		/// Replace the stored operator set with `validators`, cut to [`Config::MaxOperators`].
		fn set_operators<'a, I>(validators: I)
		where
			I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)>,
			T::AccountId: 'a,
		{
			let all: alloc::vec::Vec<_> =
				validators.map(|(account, key)| (account.clone(), key)).collect();
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
			Operators::<T>::put(bounded);
		}

		/// Invariants of the pallet's storage.
		///
		/// - No account and no `oracle` key appears twice in [`Operators`].
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let operators = Operators::<T>::get();
			let mut accounts: alloc::vec::Vec<_> = operators.iter().map(|(a, _)| a).collect();
			accounts.sort();
			accounts.dedup();
			ensure!(accounts.len() == operators.len(), "an operator account is listed twice");
			let mut keys: alloc::vec::Vec<_> = operators.iter().map(|(_, k)| k).collect();
			keys.sort();
			keys.dedup();
			ensure!(keys.len() == operators.len(), "an oracle key is listed twice");
			Ok(())
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
}
