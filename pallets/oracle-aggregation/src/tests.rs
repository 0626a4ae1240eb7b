use crate::{mock::*, Operators};
use frame_support::traits::OneSessionHandler;
use sp_runtime::testing::UintAuthorityId;

fn session(validators: &[(u64, u64)]) -> Vec<(u64, UintAuthorityId)> {
	validators
		.iter()
		.map(|(account, key)| (*account, UintAuthorityId(*key)))
		.collect()
}

/// The iterator shape `pallet-session` hands to session handlers.
fn handed(set: &[(u64, UintAuthorityId)]) -> impl Iterator<Item = (&u64, UintAuthorityId)> {
	set.iter().map(|(account, key)| (account, key.clone()))
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
		let set = session(&[(1, 11), (2, 12), (3, 13), (4, 14), (5, 15)]);
		OracleAggregation::on_new_session(true, handed(&set), handed(&set));
		let stored = Operators::<Test>::get();
		assert_eq!(stored.len() as u32, MAX_OPERATORS);
		assert_eq!(stored.into_inner(), set[..MAX_OPERATORS as usize].to_vec());
		assert_eq!(OracleAggregation::operator_of(&UintAuthorityId(15)), None);
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
