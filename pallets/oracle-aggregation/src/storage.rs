//! The pallet's storage items and its genesis configuration: a section of the pallet module
//! (`#[import_section]` in `lib.rs`), pasted into it as written, names resolving there.

use frame_support::pallet_macros::pallet_section;

/// The storage items and the genesis configuration.
#[pallet_section]
mod storage {
	/// The operators of the current session, in session order, with their `oracle` keys.
	///
	/// Written by the session handler at genesis and at every session change.
	#[pallet::storage]
	pub type Operators<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, T::AuthorityId), T::MaxOperators>, ValueQuery>;

	/// The id the next feed gets.
	#[pallet::storage]
	pub type NextFeedId<T> = StorageValue<_, FeedId, ValueQuery>;

	/// The configuration of each feed: its sources and how it aggregates and reports.
	#[pallet::storage]
	pub type Feeds<T: Config> = StorageMap<_, Twox64Concat, FeedId, FeedConfigOf<T>>;

	/// The round state of every feed, ascending by feed id: status, latest closed round, open
	/// round, running buffer.
	///
	/// One value for all feeds, so that the round check reads and writes it once per block
	/// however many feeds close (a per-feed read would cost a trie path per feed in the proof).
	#[pallet::storage]
	pub type States<T: Config> =
		StorageValue<_, BoundedVec<FeedState<BlockNumberFor<T>>, T::MaxFeeds>, ValueQuery>;

	/// What reports are checked against, for every feed ascending by id: status, latest closed
	/// round and bounds. A compact projection of [`States`], written with it, so that a report
	/// reads about 41 bytes per feed.
	#[pallet::storage]
	pub type Heads<T: Config> = StorageValue<_, BoundedVec<FeedHead, T::MaxFeeds>, ValueQuery>;

	/// What a reader needs for one feed in one read: its status, `max_age` and latest closed
	/// round. Written whenever a round closes or the feed's status or `max_age` changes.
	#[pallet::storage]
	pub type Latest<T: Config> =
		StorageMap<_, Twox64Concat, FeedId, LatestRound<BlockNumberFor<T>>>;

	/// The running buffer: the last `buffer_len` closed rounds of each feed.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		FeedId,
		Twox64Concat,
		RoundId,
		RoundData<BlockNumberFor<T>>,
	>;

	/// Each operator's values for the open rounds, all feeds together, so that a report costs
	/// one read and one write however many values it carries.
	#[pallet::storage]
	pub type Submissions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SubmissionsOf<T>, ValueQuery>;

	/// The block at which open rounds are next checked for resolution or timeout.
	#[pallet::storage]
	pub type NextCheck<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// The block at which each current operator was last seen authoring a block (at most
	/// [`Config::MaxOperators`] authors, the oldest dropped first). An author authored a block
	/// after block `b` exactly when its entry is above `b`, which is how the distinct authors
	/// of a window are counted.
	#[pallet::storage]
	pub type LastAuthored<T: Config> = StorageValue<_, LastAuthoredOf<T>, ValueQuery>;

	/// The block from which each current operator, in session order, is an operator: it is
	/// expected to answer only rounds opened from then on.
	#[pallet::storage]
	pub type OperatorsSince<T: Config> = StorageValue<_, OperatorsSinceOf<T>, ValueQuery>;

	/// Closed rounds in their grace period, by feed and round: the expected operators that
	/// had not answered when the round closed, while the blocks of its window had fewer than
	/// `f + 1` distinct authors. Their answers keep being accepted (into [`Submissions`], as
	/// late) until those blocks and the ones after had `f + 1` distinct authors, at least one
	/// of them honest, or for [`Config::MaxAuthorSpan`] blocks.
	#[pallet::storage]
	pub type Graces<T: Config> =
		StorageDoubleMap<_, Twox64Concat, FeedId, Twox64Concat, RoundId, PendingOf<T>>;

	/// The rounds in [`Graces`], oldest first, with the block their answers count from and
	/// the check at which their period ends at the latest; read by every round check, the
	/// pending operators only when a period ends. When it is full, a round that would need
	/// another period judges none of its absent operators.
	#[pallet::storage]
	pub type GraceEnds<T: Config> = StorageValue<_, GraceEndsOf<T>, ValueQuery>;

	/// Round requests accepted in the current block: the block and how many.
	#[pallet::storage]
	pub type RequestsInBlock<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), ValueQuery>;

	/// What source URLs may name beyond public hosts (by default nothing): checked when a
	/// feed is created or updated, and by the offchain worker before each request.
	#[pallet::storage]
	pub type SourceHostRules<T> = StorageValue<_, HostRules, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The host rules, set before the feeds are created.
		pub host_rules: HostRules,
		/// Feeds created at genesis, getting ids 0, 1, 2, ... in order.
		pub feeds: Vec<FeedConfigOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			SourceHostRules::<T>::put(self.host_rules);
			for config in &self.feeds {
				if let Err(error) = Pallet::<T>::do_create_feed(config.clone()) {
					panic!("genesis feed {:?} is invalid: {:?}", config.name, error);
				}
			}
		}
	}
}
