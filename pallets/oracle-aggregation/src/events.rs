//! The pallet's events and errors: a section of the pallet module (`#[import_section]` in
//! `lib.rs`), pasted into it as written, names resolving there.

use frame_support::pallet_macros::pallet_section;

/// The events and the errors.
#[pallet_section]
mod events {
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A feed was created.
		FeedCreated { feed_id: FeedId, name: BoundedVec<u8, MaxNameLen> },
		/// A feed's configuration was replaced.
		FeedUpdated { feed_id: FeedId },
		/// A feed was paused or resumed.
		FeedStatusChanged { feed_id: FeedId, status: FeedStatus },
		/// A feed and its rounds were removed.
		FeedRemoved { feed_id: FeedId },
		/// The host rules for source URLs changed.
		HostRulesSet { rules: HostRules },
		/// An operator's report was recorded: `accepted` values in bounds, `out_of_bounds`
		/// values recorded as rejected, `committed` commitments to values of commit–reveal
		/// feeds, `ignored` entries not recorded (wrong round or phase, unknown or paused feed,
		/// already submitted, a reveal that does not match).
		Reported {
			operator: T::AccountId,
			accepted: u32,
			out_of_bounds: u32,
			committed: u32,
			ignored: u32,
		},
		/// A round resolved.
		RoundResolved {
			feed_id: FeedId,
			round_id: RoundId,
			value: Value,
			running_mean: Value,
			submissions: u32,
		},
		/// A round closed without quorum; the feed's value stays that of an earlier round.
		RoundTimedOut { feed_id: FeedId, round_id: RoundId, submissions: u32 },
		/// Someone paid for a fresh round of a feed.
		RoundRequested { feed_id: FeedId, who: T::AccountId },
		/// The feed's open round, or the answers waiting for it, were dropped without judging
		/// anyone: the feed was paused, or its configuration changed how values are read.
		RoundVoided { feed_id: FeedId, round_id: RoundId },
		/// A round timed out while more than `f` in-bounds answers had moved by the feed's
		/// `deviation_threshold` from its last value: the last value is disputed and reads of
		/// the feed fail until a round resolves.
		FeedDisputed { feed_id: FeedId, round_id: RoundId, moved: u32 },
		/// A closed round received answers outside the feed's bounds: a circuit-breaker alert
		/// (the true price may have left the bounds), not an offence of the operators.
		BoundsBreached { feed_id: FeedId, round_id: RoundId, answers: u32 },
		/// An operator pending in a closed round's grace period answered it: it is late, not
		/// missing. Its value does not count and is not judged.
		AnsweredLate { feed_id: FeedId, round_id: RoundId, operator: T::AccountId },
		/// A closed round's grace period ended: `late` pending operators answered during it,
		/// `missing` did not.
		GraceOver { feed_id: FeedId, round_id: RoundId, late: u32, missing: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No feed has this id.
		UnknownFeed,
		/// There are already `MaxFeeds` feeds.
		TooManyFeeds,
		/// Feed ids are exhausted.
		FeedIdOverflow,
		/// The feed is paused.
		FeedPaused,
		/// The feed already has this status.
		StatusUnchanged,
		/// The host rules are already these.
		HostRulesUnchanged,
		/// A round is open; it must close before another is requested.
		RoundAlreadyOpen,
		/// A round was already requested and not yet started.
		AlreadyRequested,
		/// `MaxRequestsPerBlock` rounds were already requested in this block.
		TooManyRequests,
		/// The report's key is not the `oracle` key of a current operator.
		NotOperator,
		/// The operator is disabled for an offence (see [`Config::DisabledOperators`]).
		OperatorDisabled,
		/// The report was made more than `MaxReportAge` blocks ago: too old to answer an open
		/// round.
		OutdatedReport,
		/// The report carries no value.
		EmptyReport,
		/// The report's values are not strictly ascending by feed.
		UnsortedReport,
		/// The operator already submitted a value for this round.
		AlreadySubmitted,
		/// The round is closed.
		StaleRound,
		/// The round is not open yet.
		FutureRound,
		/// A commit–reveal feed's round takes commitments now, not values.
		ExpectedCommitment,
		/// A commit–reveal feed's round takes reveals now: its commit phase is over.
		ExpectedReveal,
		/// The feed has no commit–reveal: it takes plain values.
		ExpectedValue,
		/// A reveal without a commitment of this operator for the round.
		NotCommitted,
		/// A reveal whose value and salt do not give the operator's commitment.
		RevealMismatch,
		/// A feed's `commit_reveal` is fixed when it is created.
		CommitRevealFixed,
		/// A feed's `decimals` are fixed when it is created: a value of another scale is another
		/// feed, so that no reader ever reads a value in a scale it did not expect.
		DecimalsFixed,
		/// The feed configuration is invalid, for the reason given.
		InvalidConfig(ConfigError),
	}

	impl<T> From<ConfigError> for Error<T> {
		fn from(error: ConfigError) -> Self {
			Error::InvalidConfig(error)
		}
	}
}
