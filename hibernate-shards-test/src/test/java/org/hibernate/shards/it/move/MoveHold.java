package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.hibernate.shards.admin.MoveListener;
import org.hibernate.shards.admin.MoveProgress;
import org.hibernate.shards.admin.MoveStep;

/**
 * A listener that holds the mover's thread once a move reaches a point (a copied batch that satisfies a condition, or a
 * journalled step) until the test releases it, so that the test can look at the shards and ask queries while the move
 * stands there. Once released it never holds again; a hold that is never released ends after 60 s.
 */
final class MoveHold implements MoveListener {
	private final Predicate<MoveProgress> atProgress;
	private final MoveStep atStep;
	private final CountDownLatch reached = new CountDownLatch( 1 );
	private final CountDownLatch released = new CountDownLatch( 1 );
	private volatile MoveProgress seen;

	private MoveHold(Predicate<MoveProgress> atProgress, MoveStep atStep) {
		this.atProgress = atProgress;
		this.atStep = atStep;
	}

	/** Holds the move after the first copied batch that satisfies the condition. */
	static MoveHold atProgress(Predicate<MoveProgress> condition) {
		return new MoveHold( condition, null );
	}

	/** Holds the move once it journalled the step. */
	static MoveHold afterStep(MoveStep step) {
		return new MoveHold( null, step );
	}

	@Override
	public void progress(MoveProgress progress) {
		if ( atProgress != null && reached.getCount() > 0 && atProgress.test( progress ) ) {
			seen = progress;
			hold();
		}
	}

	@Override
	public void stepCompleted(int virtualShard, MoveStep step) {
		if ( step == atStep ) {
			hold();
		}
	}

	private void hold() {
		reached.countDown();
		try {
			released.await( 60, TimeUnit.SECONDS );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits, up to 60 s, until the move stands at the point. */
	void awaitReached() throws InterruptedException {
		assertTrue( reached.await( 60, TimeUnit.SECONDS ), "the move did not get there within 60 s" );
	}

	/** @return the progress the move was held at, for a hold at progress */
	MoveProgress seen() {
		return seen;
	}

	void release() {
		released.countDown();
	}
}
